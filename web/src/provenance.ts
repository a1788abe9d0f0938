// SPDX-License-Identifier: Apache-2.0
// Catalog figures with where they come from: each value the API gives as {value, as_written, unit,
// confidence, derivation, note, sources} is shown with all of these, its sources as titled links.
import { escapeHtml, formatNumber } from "./html";
import { termLink } from "./glossary";
import { prettify } from "./names";

export interface Source {
  id: string;
  title: string;
  url: string;
}

interface Field {
  value: unknown;
  as_written?: string;
  unit?: string;
  confidence?: string;
  derivation?: string;
  note?: string;
  sources?: string[];
}

const fieldLabels: Record<string, string> = {
  die_area: "Die area",
  dies: "Logic dies",
  tdp: "TDP",
  datacenter: "Designed for datacenters",
  available: "First shipment",
  "memory/bandwidth": "Memory bandwidth",
  "memory/capacity": "Memory capacity",
  "memory/type": "Memory type",
  "scale_up/bandwidth": "Scale-up bandwidth",
  "scale_up/domain": "Scale-up domain (chips)",
  "scale_up/technology": "Scale-up technology",
  "scale_out/bandwidth": "Scale-out bandwidth",
  "scale_out/integrated": "Scale-out NIC on the package",
  "scale_out/technology": "Scale-out technology",
  "host_interface/bandwidth": "Host interface bandwidth",
  "host_interface/technology": "Host interface",
  chips: "Chips",
  scale_up_bandwidth: "Scale-up bandwidth per chip",
  scale_out_bandwidth: "Scale-out bandwidth per chip",
  scale_up_domain: "Scale-up domain (chips)",
};

function fieldLabel(path: string): string {
  if (fieldLabels[path]) return fieldLabels[path];
  const [group, key] = path.split("/");
  if (group === "throughput" && key) return `Dense ${key.toUpperCase()} throughput`;
  const text = prettify(path.replace(/\//g, " "));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isField(x: unknown): x is Field {
  return typeof x === "object" && x !== null && "value" in x && ("confidence" in x || "sources" in x);
}

function valueText(path: string, f: Field): string {
  const v = f.value;
  if (typeof v === "number") {
    // Years and counts of dies are plain integers: no thousands separator in a year.
    if (path === "year") return String(v);
    return `${formatNumber(v, 2)}${f.unit ? ` ${f.unit}` : ""}`;
  }
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v ?? "–");
}

export function sourceLinks(ids: string[] | undefined, sources: Source[]): string {
  return (ids ?? [])
    .map((id) => {
      const s = sources.find((x) => x.id === id);
      return s ? `<a class="source" href="${escapeHtml(s.url)}" target="_blank" rel="noopener noreferrer" title="${escapeHtml(id)}">${escapeHtml(s.title)}</a>`
        : `<span class="source">${escapeHtml(id)}</span>`;
    })
    .join("<br>");
}

// Every field under `data`, depth first, skipping the keys a page shows its own way.
export function fieldRows(data: Record<string, unknown>, skip: string[], prefix = ""): [string, Field][] {
  const out: [string, Field][] = [];
  for (const [key, x] of Object.entries(data)) {
    const path = prefix ? `${prefix}/${key}` : key;
    if (skip.includes(path)) continue;
    if (isField(x)) out.push([path, x]);
    else if (typeof x === "object" && x !== null && !Array.isArray(x)) out.push(...fieldRows(x as Record<string, unknown>, skip, path));
  }
  return out;
}

export function fieldTable(id: string, rows: [string, Field][], sources: Source[]): string {
  return `<table id="${escapeHtml(id)}" class="fields"><thead><tr><th>Figure</th><th>Value</th><th>As written</th><th>${termLink("confidence", "Confidence")}</th>
    <th>Derivation or note</th><th>Sources</th></tr></thead><tbody>${rows
      .map(([path, f]) => `<tr data-field="${escapeHtml(path)}"><th data-value="${escapeHtml(path)}">${escapeHtml(fieldLabel(path))}</th>
        <td${typeof f.value === "number" ? ' class="num"' : ""}>${escapeHtml(valueText(path, f))}</td><td>${escapeHtml(f.as_written ?? "")}</td>
        <td class="confidence ${escapeHtml(f.confidence ?? "")}">${escapeHtml(f.confidence ?? "")}</td>
        <td>${f.derivation ? `<strong>derived:</strong> ${escapeHtml(f.derivation)}` : ""}${f.derivation && f.note ? "<br>" : ""}${escapeHtml(f.note ?? "")}</td>
        <td>${sourceLinks(f.sources, sources)}</td></tr>`)
      .join("")}</tbody></table>`;
}

export function sourceList(sources: Source[]): string {
  return `<ul class="sources">${sources
    .map((s) => `<li id="source-${escapeHtml(s.id)}"><a href="${escapeHtml(s.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(s.title)}</a> <small>(${escapeHtml(s.id)})</small></li>`)
    .join("")}</ul>`;
}

function notesList(notes: string[] | undefined): string {
  return notes?.length ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : "<p>none</p>";
}

// The end of a catalog entry's page, chip or system alike: its notes, its sources and where it is defined.
export function entryFooter(entry: { notes?: string[]; sources: Source[]; defined_at?: { file: string; line: number } }): string {
  return `<h3>Notes</h3>
    ${notesList(entry.notes)}
    <h3>Sources</h3>
    ${sourceList(entry.sources)}
    ${entry.defined_at ? `<p class="note">Catalog entry: ${escapeHtml(entry.defined_at.file)}, line ${entry.defined_at.line}</p>` : ""}`;
}
