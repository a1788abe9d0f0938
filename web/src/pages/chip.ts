// SPDX-License-Identifier: Apache-2.0
// One chip: every figure the catalog holds, each with its source, confidence and derivation; the export
// metrics with how they were computed; the systems built from it; links to its verdict, timeline and
// headroom.
import { get } from "../api";
import { termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { systemLink } from "../links";
import { entryFooter, fieldRows, fieldTable, Source } from "../provenance";
import { Route } from "../url_state";

interface ChipMetrics {
  tpp: number | null;
  tpp_lower_bound: boolean;
  tpp_precision: string | null;
  performance_density: number | null;
  dram_bandwidth_gbs: number | null;
  io_bandwidth_gbs: number | null;
  io_bandwidth_complete: boolean;
  inputs: {
    die_area_mm2: number | null;
    tpp_terms: { precision: string; dense_tops: number; bit_length: number; tpp: number }[];
    unknown_precisions: string[];
    io_components: { name: string; bandwidth_gbs: number }[];
    io_unknown: string[];
  };
}

interface ChipDocument {
  name: string;
  vendor: string;
  country: string;
  family?: string;
  aliases: string[];
  notes: string[];
  sources: Source[];
  metrics: ChipMetrics;
  defined_at?: { file: string; line: number };
  [key: string]: unknown;
}

function metricsHtml(c: ChipDocument): string {
  const m = c.metrics;
  const i = m.inputs;
  const terms = i.tpp_terms
    .map((t) => `<tr${t.precision === m.tpp_precision ? ' class="decides"' : ""}><td>${escapeHtml(t.precision.toUpperCase())}</td><td class="num">${formatNumber(t.dense_tops, 2)}</td>
      <td class="num">${t.bit_length}</td><td class="num">${formatNumber(t.tpp, 1)}</td></tr>`)
    .join("");
  const io = i.io_components.map((x) => `${escapeHtml(x.name)} ${formatNumber(x.bandwidth_gbs)} GB/s`).join(" + ");
  return `
    <ul class="metrics">
      <li>${termLink("tpp", "TPP")}: <strong>${formatNumber(m.tpp, 1)}</strong>${m.tpp_lower_bound ? " (a lower bound: some precisions are unknown)" : ""}${
        m.tpp_precision ? `, set by ${escapeHtml(m.tpp_precision.toUpperCase())}` : ""}</li>
      <li>${termLink("performance-density", "Performance density")}: <strong>${formatNumber(m.performance_density, 2)}</strong>${
        i.die_area_mm2 ? ` = TPP ${formatNumber(m.tpp, 1)} / die area ${formatNumber(i.die_area_mm2)} mm²` : " (die area unknown)"}</li>
      <li>${termLink("bandwidth", "DRAM bandwidth")}: <strong>${formatNumber(m.dram_bandwidth_gbs)}</strong> GB/s</li>
      <li>${termLink("bandwidth", "I/O bandwidth")}: <strong>${formatNumber(m.io_bandwidth_gbs)}</strong> GB/s${io ? ` = ${io}` : ""}${
        m.io_bandwidth_complete ? "" : ` (incomplete: ${escapeHtml(i.io_unknown.join(", ") || "some links unknown")})`}</li>
    </ul>
    <p class="note">TPP is the largest of dense TOP/s × bit length over the precisions below${
      i.unknown_precisions.length ? `; rates not known for ${escapeHtml(i.unknown_precisions.join(", ").toUpperCase())}` : ""}.</p>
    <table id="tpp-terms"><thead><tr><th>Precision</th><th class="num">Dense TOP/s</th><th class="num">Bit length</th><th class="num">TPP</th></tr></thead><tbody>${terms}</tbody></table>`;
}

export async function renderChip(root: HTMLElement, route: Route): Promise<void> {
  const name = route.params.get("name") ?? "H20";
  let chip: ChipDocument;
  let systems: { name: string; chip: string; chip_count: number }[];
  try {
    [chip, systems] = await Promise.all([
      get<ChipDocument>(`chips/${encodeURIComponent(name)}`),
      get<{ name: string; chip: string; chip_count: number }[]>("systems").catch(() => []),
    ]);
  } catch (error) {
    root.innerHTML = `<h2>${escapeHtml(name)}</h2>${errorBox(error)}`;
    return;
  }
  const q = encodeURIComponent(chip.name);
  const rows = fieldRows(chip, ["metrics", "sources", "notes", "defined_at", "aliases"]);
  const inSystems = systems.filter((s) => s.chip === chip.name);
  root.innerHTML = `
    <h2>${escapeHtml(chip.name)}</h2>
    <p class="subtitle">${escapeHtml(chip.vendor)} · ${escapeHtml(chip.country)}${chip.family ? ` · ${escapeHtml(chip.family)} family` : ""}${
      chip.aliases.length ? ` · also known as ${escapeHtml(chip.aliases.join(", "))}` : ""}</p>
    <p class="onward">
      <a href="#/classify?chip=${q}">Classify</a> ·
      <a href="#/timeline?chip=${q}">Timeline of its status</a> ·
      <a href="#/headroom?chip=${q}">Headroom to each threshold</a> ·
      <a href="#/compare?chips=${q}">Compare</a>
    </p>
    <h3>Export-control metrics</h3>
    ${metricsHtml(chip)}
    <h3>Catalog figures</h3>
    ${fieldTable("chip-fields", rows, chip.sources)}
    <h3>Systems built from it</h3>
    ${inSystems.length ? `<ul>${inSystems.map((s) => `<li>${systemLink(s.name)} (${formatNumber(s.chip_count)} chips)</li>`).join("")}</ul>` : "<p>none in the catalog</p>"}
    ${entryFooter(chip)}`;
  root.dataset.fields = String(rows.length);
}
