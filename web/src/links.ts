// SPDX-License-Identifier: Apache-2.0
// Links from a chip or system name to its page, wherever a name is shown. Names that are neither (a pasted
// spec, a design) are shown as plain text, so a link never leads to a 404.
import { get } from "./api";
import { escapeHtml } from "./html";

let chipNames: Promise<Set<string>> | null = null;
let systemNames: Promise<Set<string>> | null = null;
let known: { chips: Set<string>; systems: Set<string> } = { chips: new Set(), systems: new Set() };

// Loads the names once; pages await it before rendering so that nameLink can stay synchronous.
export async function loadNames(): Promise<void> {
  chipNames ??= get<{ name: string }[]>("chips").then((list) => new Set(list.map((c) => c.name))).catch(() => new Set<string>());
  systemNames ??= get<{ name: string }[]>("systems").then((list) => new Set(list.map((s) => s.name))).catch(() => new Set<string>());
  known = { chips: await chipNames, systems: await systemNames };
}

export function chipHref(name: string): string {
  return `#/chip?name=${encodeURIComponent(name)}`;
}

export function systemHref(name: string): string {
  return `#/system?name=${encodeURIComponent(name)}`;
}

export function chipLink(name: string): string {
  return `<a class="chip-link" href="${chipHref(name)}">${escapeHtml(name)}</a>`;
}

export function systemLink(name: string): string {
  return `<a class="system-link" href="${systemHref(name)}">${escapeHtml(name)}</a>`;
}

// A name that may be a chip or a system (compare and match take either).
export function nameLink(name: string | null | undefined): string {
  if (!name) return "–";
  if (known.systems.has(name)) return systemLink(name);
  if (known.chips.has(name)) return chipLink(name);
  return escapeHtml(name);
}
