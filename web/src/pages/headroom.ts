// SPDX-License-Identifier: Apache-2.0
// Headroom: for one chip, every change of status as each metric rises or falls from where it is
// (GET /api/v1/headroom/{name}), as `chipgap headroom`. The form state lives in the URL.
import { get } from "../api";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink } from "../links";
import { metricLabel, metricUnit, statusText } from "../names";
import { Route, setParams, today } from "../url_state";

interface Step { change: number; threshold: number; comparison: string; clauses_on: string[]; clauses_off: string[]; new_status: string }
interface Headroom { metric: string; current: number | null; lower_bound: boolean; up: Step[]; down: Step[] }

function rows(h: Headroom): string {
  const unit = metricUnit(h.metric);
  const steps = [...h.up.map((s) => ["rises", s] as const), ...h.down.map((s) => ["falls", s] as const)];
  if (!steps.length) {
    return `<tr><th data-value="${escapeHtml(h.metric)}">${escapeHtml(metricLabel(h.metric))}</th><td class="num">${formatNumber(h.current, 2)}</td>
      <td colspan="5">no threshold in force changes the status</td></tr>`;
  }
  return steps
    .map(([direction, s]) => `<tr><th data-value="${escapeHtml(h.metric)}">${escapeHtml(metricLabel(h.metric))}</th><td class="num">${formatNumber(h.current, 2)}${h.lower_bound ? " (lower bound)" : ""}</td>
      <td>${direction} by ${formatNumber(s.change, 2)} ${escapeHtml(unit)}</td><td class="num">${escapeHtml(s.comparison)} ${formatNumber(s.threshold, 2)}</td>
      <td>${escapeHtml([...s.clauses_on.map((c) => `+ ${c}`), ...s.clauses_off.map((c) => `− ${c}`)].join("; "))}</td>
      <td data-value="${escapeHtml(s.new_status)}">${escapeHtml(statusText(s.new_status))}</td></tr>`)
    .join("");
}

export async function renderHeadroom(root: HTMLElement, route: Route): Promise<void> {
  const p = route.params;
  root.innerHTML = `
    <h2>Headroom</h2>
    <form id="headroom-form" class="filters">
      <label>Chip <input name="chip" value="${escapeHtml(p.get("chip") ?? "H20")}"></label>
      <label>Destination <input name="dest" value="${escapeHtml(p.get("dest") ?? "CN")}" size="6"></label>
      <label>Date <input name="date" type="date" value="${escapeHtml(p.get("date") ?? today())}"></label>
      <button type="submit">Show</button>
    </form>
    <p id="headroom-chip"></p>
    <div id="headroom-table"></div>`;
  const form = root.querySelector<HTMLFormElement>("#headroom-form")!;
  const run = async () => {
    const data = new FormData(form);
    const chip = String(data.get("chip"));
    const dest = String(data.get("dest") || "CN");
    const date = String(data.get("date") || "");
    setParams({ chip, dest, date });
    const out = root.querySelector("#headroom-table")!;
    try {
      const answer = await get<Headroom[]>(`headroom/${encodeURIComponent(chip)}`, { dest, date });
      root.querySelector("#headroom-chip")!.innerHTML = `How far ${chipLink(chip)} can move before its status for ${escapeHtml(dest)} on ${escapeHtml(date)} changes.`;
      out.innerHTML = `<table id="headroom"><thead><tr><th>Metric</th><th class="num">Now</th><th>Change</th><th class="num">Threshold</th><th>Clauses (+ start, − stop applying)</th><th>New status</th></tr></thead>
        <tbody>${answer.map(rows).join("")}</tbody></table>`;
      root.dataset.metrics = String(answer.length);
    } catch (error) {
      out.innerHTML = errorBox(error);
      root.dataset.metrics = "0";
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  await run();
}
