// SPDX-License-Identifier: Apache-2.0
// How a verdict is shown: the answer first, then why (clauses with citations), how close (margins),
// and the destination's own import measures.
import { Verdict } from "./api";
import { badge, escapeHtml, formatNumber } from "./html";

export function verdictHtml(v: Verdict): string {
  const m = v.metrics;
  const list = (items: string[]) => (items.length ? `<ul>${items.join("")}</ul>` : "<p>none</p>");
  return `
    <section class="verdict" data-authorization="${escapeHtml(v.authorization)}">
      <h3>${escapeHtml(v.chip)} → ${escapeHtml(v.destination_name)} (${escapeHtml(v.destination)}) on ${escapeHtml(v.date)}${
        v.end_user_hq ? `, end user headquartered in ${escapeHtml(v.end_user_hq)}` : ""
      }</h3>
      ${v.warnings.map((w) => `<p class="warning">${escapeHtml(w)}</p>`).join("")}
      ${v.determination === "undetermined" ? undeterminedHtml(v) : `
      <p class="answer">
        <span class="eccn">${escapeHtml(v.eccn ?? "not in 3A090")}</span>
        ${badge(v.authorization)}
        <span class="policy">${escapeHtml(v.review_policy ? v.review_policy.replaceAll("_", " ") : "")}</span>
      </p>`}
      <p class="note">TPP ${formatNumber(m.tpp)} · density ${formatNumber(m.performance_density, 2)} · DRAM ${formatNumber(m.dram_bandwidth_gbs)} GB/s · I/O ${formatNumber(m.io_bandwidth_gbs)} GB/s</p>
      <h4>Conditions</h4>
      ${list(v.conditions.map((c) => `<li><strong>${escapeHtml(c.id)}</strong>: ${escapeHtml(c.text)} <cite>${escapeHtml(c.rule)}</cite></li>`))}
      <h4>Clauses that decided it</h4>
      <table class="clauses"><thead><tr><th>Role</th><th>Clause</th><th>Text</th><th>Citation</th></tr></thead><tbody>${v.clauses
        .map((c) => `<tr><td>${escapeHtml(c.role)}</td><td>${escapeHtml(c.clause)}</td><td>${escapeHtml(c.text)}</td><td><cite>${escapeHtml(c.citation)}</cite></td></tr>`)
        .join("")}</tbody></table>
      <h4>Distance to each threshold</h4>
      ${list(v.margins.map((m) => `<li class="${m.margin < 0 ? "below" : "above"}">${escapeHtml(m.text)} <cite>${escapeHtml(m.rule)}</cite></li>`))}
      <h4>Import-side measures in ${escapeHtml(v.destination_name)}</h4>
      ${list(v.import_measures.map((i) => `<li>${escapeHtml(i.date)} <strong>${escapeHtml(i.effect)}</strong> (evidence: ${escapeHtml(i.evidence)}): ${escapeHtml(i.title)}</li>`))}
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
        .map(
          (o) =>
            `<li><strong>${escapeHtml(o.eccn ?? "not in 3A090")}</strong> ${badge(o.authorization)} ${escapeHtml(
              o.review_policy ? o.review_policy.replaceAll("_", " ") : "",
            )} if ${escapeHtml(o.when.join("; or "))}</li>`,
        )
        .join("")}</ul>`
    : "<p>Too many unknown inputs to list every possible verdict.</p>";
  return `
      <p class="answer undetermined">${badge("undetermined")} depends on inputs the catalog does not have: ${escapeHtml(
        v.missing_inputs.join(", "),
      )}</p>
      ${everyCase}
      <h4>Possible verdicts</h4>
      ${outcomes}
      <p class="note">Undecided tests: ${escapeHtml(v.indeterminate_reasons.join("; "))}</p>`;
}
