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
      <p class="answer">
        <span class="eccn">${escapeHtml(v.eccn ?? "not in 3A090")}</span>
        ${badge(v.authorization)}
        <span class="policy">${escapeHtml(v.review_policy ? v.review_policy.replaceAll("_", " ") : "")}</span>
      </p>
      <p class="note">TPP ${formatNumber(m.tpp)} · density ${formatNumber(m.performance_density, 2)} · DRAM ${formatNumber(m.dram_bandwidth_gbs)} GB/s · I/O ${formatNumber(m.io_bandwidth_gbs)} GB/s</p>
      ${v.indeterminate ? `<p class="error">Indeterminate: ${escapeHtml(v.indeterminate_reasons.join("; "))}</p>` : ""}
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
      <p class="note">Rules in force: ${escapeHtml(v.rules_in_force.join(", "))}</p>
    </section>`;
}
