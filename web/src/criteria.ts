// SPDX-License-Identifier: Apache-2.0
// The metric tests of the rules in force: every threshold of every classification, licensing,
// condition and exclusion clause, with the clause it belongs to. The thresholds chart draws the TPP and
// density ones as lines and lists the others (bandwidths, memory density), which its axes cannot show.
import { Condition, RuleDocument } from "./api";
import { escapeHtml, formatNumber } from "./html";
import { metricLabel, metricUnit } from "./names";
import { ruleSourceLinks } from "./rules";

export interface Criterion {
  rule: string;
  section: string;
  clause: string;
  text: string;
  metric: string;
  comparison: string;
  value: number;
}

const comparisons: Record<string, string> = { ge: "≥", gt: ">", le: "≤", lt: "<" };

function tests(condition: Condition | null | undefined, out: { metric: string; comparison: string; value: number }[]): void {
  if (!condition) return;
  for (const child of [...(condition.all ?? []), ...(condition.any ?? []), ...(condition.not ? [condition.not] : [])]) tests(child, out);
  if (!condition.metric) return;
  for (const key of Object.keys(comparisons)) {
    const value = condition[key];
    if (typeof value === "number") out.push({ metric: condition.metric, comparison: key, value });
  }
}

export function criteria(docs: RuleDocument[]): Criterion[] {
  const out: Criterion[] = [];
  for (const doc of docs) {
    const sections: [string, { clause?: string; id?: string; text: string; when: Condition | null }[]][] = [
      ["classification", doc.classification ?? []],
      ["licensing", doc.licensing ?? []],
      ["condition", doc.conditions ?? []],
      ["exclusion", doc.exclusions ?? []],
    ];
    for (const [section, clauses] of sections) {
      for (const c of clauses) {
        const found: { metric: string; comparison: string; value: number }[] = [];
        tests(c.when, found);
        for (const t of found) out.push({ rule: doc.id, section, clause: c.clause ?? c.id ?? "", text: c.text, ...t });
      }
    }
  }
  return out;
}

export const drawnMetrics = ["tpp", "performance_density"];

// One line per metric and value, named after every clause that tests it.
export function lines(list: Criterion[]): { metric: string; value: number; clauses: string[] }[] {
  const byKey = new Map<string, { metric: string; value: number; clauses: string[] }>();
  for (const c of list.filter((x) => drawnMetrics.includes(x.metric))) {
    const key = `${c.metric}:${c.value}`;
    if (!byKey.has(key)) byKey.set(key, { metric: c.metric, value: c.value, clauses: [] });
    const line = byKey.get(key)!;
    if (!line.clauses.includes(c.clause)) line.clauses.push(c.clause);
  }
  return [...byKey.values()];
}

export function criteriaTable(list: Criterion[], docs: Map<string, RuleDocument>): string {
  const drawn = (c: Criterion) => (c.metric === "tpp" ? "horizontal line" : c.metric === "performance_density" ? "vertical line" : "not on these axes");
  return `<table id="criteria"><thead><tr><th>Rule</th><th>Part</th><th>Clause</th><th>Test</th><th>On the chart</th><th>Clause text</th><th>Sources</th></tr></thead><tbody>${list
    .map((c) => `<tr class="${drawnMetrics.includes(c.metric) ? "drawn" : "listed"}"><td>${escapeHtml(c.rule)}</td><td>${escapeHtml(c.section)}</td><td>${escapeHtml(c.clause)}</td>
      <td data-value="${escapeHtml(`${c.metric} ${c.comparison} ${c.value}`)}">${escapeHtml(metricLabel(c.metric))} ${comparisons[c.comparison]} ${formatNumber(c.value, 2)} ${escapeHtml(metricUnit(c.metric))}</td>
      <td>${drawn(c)}</td><td>${escapeHtml(c.text)}</td><td>${ruleSourceLinks(c.rule, docs, true)}</td></tr>`)
    .join("")}</tbody></table>`;
}
