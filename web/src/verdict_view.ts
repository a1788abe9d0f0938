// SPDX-License-Identifier: Apache-2.0
// How a verdict is shown: the answer first, then why (clauses with citations and the rule's sources),
// how close (margins), and the destination's own import measures. The chip's figures link to its page,
// where each carries its source.
import { RuleDocument, Verdict } from "./api";
import { policyTermId, termLink } from "./glossary";
import { badge, escapeHtml, formatNumber } from "./html";
import { nameLink } from "./links";
import { label } from "./names";
import { ruleSourceLinks } from "./rules";

function policyHtml(policy: string | null): string {
  return policy ? termLink(policyTermId(policy), label(policy)) : "";
}

export function verdictHtml(v: Verdict, rules: Map<string, RuleDocument> = new Map()): string {
  const m = v.metrics;
  const list = (items: string[]) => (items.length ? `<ul>${items.join("")}</ul>` : "<p>none</p>");
  const cite = (rule: string) => `<cite>${escapeHtml(rule)}</cite> <span class="sources">${ruleSourceLinks(rule, rules, true)}</span>`;
  const figures = nameLink(v.chip) !== escapeHtml(v.chip) ? ` · figures and their sources: ${nameLink(v.chip)}` : " · figures from the spec given";
  return `
    <section class="verdict" data-authorization="${escapeHtml(v.authorization)}">
      <h3>${nameLink(v.chip)} → ${escapeHtml(v.destination_name)} (${escapeHtml(v.destination)}) on ${escapeHtml(v.date)}${
        v.end_user_hq ? `, end user headquartered in ${escapeHtml(v.end_user_hq)}` : ""
      }</h3>
      ${v.warnings.map((w) => `<p class="warning">${escapeHtml(w)}</p>`).join("")}
      ${v.determination === "undetermined" ? undeterminedHtml(v) : `
      <p class="answer">
        <span class="eccn">${escapeHtml(v.eccn ?? "not in 3A090")}</span>
        ${badge(v.authorization)}
        <span class="policy" data-value="${escapeHtml(v.review_policy ?? "")}">${policyHtml(v.review_policy)}</span>
      </p>`}
      <p class="note">${termLink("tpp", "TPP")} ${formatNumber(m.tpp)} · ${termLink("performance-density", "density")} ${formatNumber(m.performance_density, 2)} ·
        DRAM ${formatNumber(m.dram_bandwidth_gbs)} GB/s · I/O ${formatNumber(m.io_bandwidth_gbs)} GB/s${figures}</p>
      <h4>Conditions</h4>
      ${list(v.conditions.map((c) => `<li><strong>${escapeHtml(c.id)}</strong>: ${escapeHtml(c.text)} ${cite(c.rule)}</li>`))}
      <h4>Clauses that decided it</h4>
      <table class="clauses" id="verdict-clauses"><thead><tr><th>Role</th><th>Clause</th><th>Text</th><th>Citation</th><th>Sources</th></tr></thead><tbody>${v.clauses
        .map((c) => `<tr><td>${escapeHtml(c.role)}</td><td>${escapeHtml(c.clause)}</td><td>${escapeHtml(c.text)}</td><td><cite>${escapeHtml(c.citation)}</cite></td>
          <td>${ruleSourceLinks(c.rule, rules)}</td></tr>`)
        .join("")}</tbody></table>
      <h4>Distance to each threshold</h4>
      ${list(v.margins.map((x) => `<li class="${x.margin < 0 ? "below" : "above"}">${escapeHtml(x.text)} ${cite(x.rule)}</li>`))}
      <h4>${termLink("import-measures", "Destination-side measures")} in ${escapeHtml(v.destination_name)}</h4>
      ${list(v.import_measures.map((i) => `<li data-value="${escapeHtml(i.id)}">${escapeHtml(i.date)} <strong>${escapeHtml(label(i.effect))}</strong> (evidence: ${escapeHtml(i.evidence)}): ${escapeHtml(i.title)}</li>`))}
      <p class="note">Rules in force: ${escapeHtml(v.rules_in_force.join(", "))}${
        v.rule_book_reviewed_through ? ` · rule book reviewed through ${escapeHtml(v.rule_book_reviewed_through)}` : ""
      }</p>
    </section>`;
}

// A verdict that rests on unknown inputs: said first, with no colour of a decided answer, then what it
// would be for each range of the unknowns.
function undeterminedHtml(v: Verdict): string {
  const everyCase = v.authorization !== "undetermined" ? `<p class="answer">In every case: ${badge(v.authorization)}</p>` : "";
  const outcomes = v.outcomes_enumerated
    ? `<ul class="outcomes">${v.possible_outcomes
        .map((o) => `<li><strong>${escapeHtml(o.eccn ?? "not in 3A090")}</strong> ${badge(o.authorization)} ${policyHtml(o.review_policy)} if ${escapeHtml(o.when.join("; or "))}</li>`)
        .join("")}</ul>`
    : "<p>Too many unknown inputs to list every possible verdict.</p>";
  return `
      <p class="answer undetermined">${badge("undetermined")} ${termLink("undetermined", "depends on inputs the catalog does not have")}: ${escapeHtml(
        v.missing_inputs.join(", "),
      )}</p>
      ${everyCase}
      <h4>Possible verdicts</h4>
      ${outcomes}
      <p class="note">Undecided tests: ${escapeHtml(v.indeterminate_reasons.join("; "))}</p>`;
}
