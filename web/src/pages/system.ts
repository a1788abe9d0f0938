// SPDX-License-Identifier: Apache-2.0
// One system: its catalog figures with sources, confidence and derivation, the totals over its chips,
// and a link to the chip it is built from.
import { get } from "../api";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink } from "../links";
import { entryFooter, fieldRows, fieldTable, Source } from "../provenance";
import { Route } from "../url_state";

interface SystemDocument {
  name: string;
  chip: string;
  chip_count: number;
  chip_vendor?: string;
  vendor: string;
  country: string;
  aliases?: string[];
  notes?: string[];
  sources: Source[];
  power_w: number | null;
  price_usd: number | null;
  totals: { chip_power_w: number | null; dense_tflops: Record<string, number | null>; memory_bandwidth_gbs: number | null; memory_gb: number | null;
            scale_up_bandwidth_gbs: number | null };
  defined_at?: { file: string; line: number };
  [key: string]: unknown;
}

function totalsTable(s: SystemDocument): string {
  const t = s.totals;
  const rows: [string, number | null, string][] = [
    ...Object.entries(t.dense_tflops).map(([p, v]): [string, number | null, string] => [`Dense ${p.toUpperCase()}`, v, "TFLOP/s"]),
    ["Memory", t.memory_gb, "GB"],
    ["Memory bandwidth", t.memory_bandwidth_gbs, "GB/s"],
    ["Scale-up bandwidth", t.scale_up_bandwidth_gbs, "GB/s"],
    ["Power of the chips at TDP", t.chip_power_w, "W"],
    ["Whole-system power", s.power_w, "W"],
    ["Price", s.price_usd, "USD"],
  ];
  return `<table id="system-totals"><thead><tr><th>Total</th><th class="num">Value</th><th>Unit</th></tr></thead><tbody>${rows
    .map(([label, v, unit]) => `<tr><th>${escapeHtml(label)}</th><td class="num">${formatNumber(v, 1)}</td><td>${escapeHtml(unit)}</td></tr>`)
    .join("")}</tbody></table>`;
}

export async function renderSystem(root: HTMLElement, route: Route): Promise<void> {
  const name = route.params.get("name") ?? "HGX H20";
  let system: SystemDocument;
  try {
    system = await get<SystemDocument>(`systems/${encodeURIComponent(name)}`);
  } catch (error) {
    root.innerHTML = `<h2>${escapeHtml(name)}</h2>${errorBox(error)}`;
    return;
  }
  const rows = fieldRows(system, ["sources", "notes", "defined_at", "aliases", "totals"]);
  root.innerHTML = `
    <h2>${escapeHtml(system.name)}</h2>
    <p class="subtitle">${escapeHtml(system.vendor)} · ${escapeHtml(system.country)} · ${formatNumber(system.chip_count)} × ${chipLink(system.chip)}${
      system.aliases?.length ? ` · also known as ${escapeHtml(system.aliases.join(", "))}` : ""}</p>
    <p class="onward"><a href="#/performance?mode=train&system=${encodeURIComponent(system.name)}">Train on it</a> ·
      <a href="#/performance?mode=serve&system=${encodeURIComponent(system.name)}">Serve on it</a> ·
      <a href="#/equivalence?candidate=${encodeURIComponent(system.name)}">Match a reference cluster</a></p>
    <h3>Catalog figures</h3>
    ${fieldTable("system-fields", rows, system.sources)}
    <h3>Totals over its chips</h3>
    <p class="note">Chip figures × ${formatNumber(system.chip_count)}; each chip figure's source is on the ${chipLink(system.chip)} page.</p>
    ${totalsTable(system)}
    ${entryFooter(system)}`;
  root.dataset.fields = String(rows.length);
}
