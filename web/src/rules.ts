// SPDX-License-Identifier: Apache-2.0
// Rule documents, fetched once per id and shared by the pages: verdict clauses cite them, and the
// thresholds chart draws their criteria.
import { get, RuleDocument } from "./api";
import { escapeHtml } from "./html";

const cache = new Map<string, Promise<RuleDocument | null>>();

export function ruleDocument(id: string): Promise<RuleDocument | null> {
  if (!cache.has(id)) cache.set(id, get<RuleDocument>(`rules/${encodeURIComponent(id)}`).catch(() => null));
  return cache.get(id)!;
}

export async function ruleDocuments(ids: string[]): Promise<Map<string, RuleDocument>> {
  const docs = await Promise.all([...new Set(ids)].map(async (id) => [id, await ruleDocument(id)] as const));
  return new Map(docs.filter((d): d is readonly [string, RuleDocument] => d[1] !== null));
}

// The rule's sources as links: full titles, or numbered marks where space is short.
export function ruleSourceLinks(rule: string, docs: Map<string, RuleDocument>, compact = false): string {
  const sources = docs.get(rule)?.sources ?? [];
  return sources
    .map((s, i) => `<a class="source" href="${escapeHtml(s.url)}" target="_blank" rel="noopener noreferrer" title="${escapeHtml(s.title)}">${
      compact ? `[${i + 1}]` : escapeHtml(s.title)}</a>`)
    .join(compact ? " " : "<br>");
}
