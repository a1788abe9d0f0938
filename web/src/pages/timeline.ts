// SPDX-License-Identifier: Apache-2.0
// A chip's status through every dated change of the rules, as a step chart and a table.
import { get, TimelineEntry } from "../api";
import { chart } from "../charts";
import { badge, errorBox, escapeHtml } from "../html";
import { Route, setParams } from "../url_state";

const levels = ["undetermined", "none", "aca", "nac", "license"];

export async function renderTimeline(root: HTMLElement, route: Route): Promise<void> {
  const chip = route.params.get("chip") ?? "H800 SXM";
  const dest = route.params.get("dest") ?? "CN";
  root.innerHTML = `
    <h2>Timeline</h2>
    <form id="timeline-form" class="filters">
      <label>Chip <input name="chip" value="${escapeHtml(chip)}"></label>
      <label>Destination <input name="dest" value="${escapeHtml(dest)}" size="6"></label>
      <button type="submit">Show</button>
    </form>
    <div id="timeline-chart" class="chart short"></div>
    <div id="timeline-table"></div>`;
  const form = root.querySelector<HTMLFormElement>("#timeline-form")!;
  const draw = async () => {
    const data = new FormData(form);
    const name = String(data.get("chip"));
    const to = String(data.get("dest") || "CN");
    setParams({ chip: name, dest: to });
    let entries: TimelineEntry[];
    try {
      entries = await get<TimelineEntry[]>(`timeline/${encodeURIComponent(name)}`, { dest: to });
    } catch (error) {
      root.querySelector("#timeline-table")!.innerHTML = errorBox(error);
      return;
    }
    const points = entries.map((e) => [e.date, levels.indexOf(e.verdict.authorization)]);
    points.push([new Date().toISOString().slice(0, 10), points[points.length - 1][1]]);
    chart(root.querySelector<HTMLElement>("#timeline-chart")!).setOption({
      animation: false,
      grid: { left: 80, right: 20, top: 20, bottom: 30 },
      xAxis: { type: "time" },
      yAxis: { type: "value", min: 0, max: 4, interval: 1, axisLabel: { formatter: (v: number) => levels[v] ?? "" } },
      tooltip: { trigger: "axis" },
      series: [{ type: "line", step: "end", data: points, symbolSize: 8 }],
    });
    root.querySelector("#timeline-table")!.innerHTML = `<table><thead><tr><th>From</th><th>Classification</th><th>Authorization</th><th>Review policy</th><th>Changed by</th><th>Import measures</th></tr></thead><tbody>${entries
      .map(
        (e) =>
          `<tr><td>${escapeHtml(e.date)}</td><td>${escapeHtml(e.verdict.eccn ?? "not in 3A090")}</td><td>${badge(e.verdict.authorization)}</td><td>${escapeHtml(
            e.verdict.review_policy ?? "",
          )}</td><td>${escapeHtml(e.changes.join(", ") || "(before)")}</td><td>${escapeHtml(e.verdict.import_measures.map((m) => m.id).join(", "))}</td></tr>`,
      )
      .join("")}</tbody></table>`;
    root.dataset.entries = String(entries.length);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void draw();
  });
  await draw();
}
