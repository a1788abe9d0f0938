// SPDX-License-Identifier: Apache-2.0
// A chip's status through every dated change of the rules, as a step chart and a table.
import { get, RuleSummary, TimelineEntry } from "../api";
import { chart } from "../charts";
import { policyTermId, termLink } from "../glossary";
import { badge, errorBox, escapeHtml } from "../html";
import { chipLink } from "../links";
import { label } from "../names";
import { Route, setParams } from "../url_state";

const levels = ["undetermined", "none", "aca", "nac", "license"];

let ruleTitles: Promise<Map<string, string>> | null = null;

// A change is named by the id of a rule or an import measure, "(ended)" when a measure lapses. Rules are
// shown by id (the name the rule book and CLI use; the title on hover), measures by their title.
function changeText(change: string, rules: Map<string, string>, measures: Map<string, string>): string {
  const [, id, suffix] = change.match(/^(\S+)(.*)$/) ?? [change, change, ""];
  if (rules.has(id)) return `<span data-value="${escapeHtml(change)}" title="${escapeHtml(rules.get(id)!)}">${escapeHtml(change)}</span>`;
  const title = measures.get(id);
  return `<span data-value="${escapeHtml(change)}" title="${escapeHtml(id)}">${escapeHtml(title ? `${title}${suffix}` : change)}</span>`;
}

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
    <p id="timeline-chip"></p>
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
    ruleTitles ??= get<RuleSummary[]>("rules").then((rules) => new Map(rules.map((r) => [r.id, r.title]))).catch(() => new Map());
    const rules = await ruleTitles;
    const measures = new Map(entries.flatMap((e) => e.verdict.import_measures.map((m) => [m.id, m.title] as const)));
    root.querySelector("#timeline-chip")!.innerHTML = `Status of ${chipLink(entries[0]?.verdict.chip ?? name)} for ${escapeHtml(to)} through every dated change.`;
    const points = entries.map((e) => [e.date, levels.indexOf(e.verdict.authorization)]);
    points.push([new Date().toISOString().slice(0, 10), points[points.length - 1][1]]);
    chart(root.querySelector<HTMLElement>("#timeline-chart")!).setOption({
      animation: false,
      grid: { left: 80, right: 20, top: 20, bottom: 30 },
      xAxis: { type: "time" },
      yAxis: { type: "value", min: 0, max: 4, interval: 1, axisLabel: { formatter: (v: number) => label(levels[v] ?? "") } },
      tooltip: { trigger: "axis" },
      series: [{ type: "line", step: "end", data: points, symbolSize: 8 }],
    });
    root.querySelector("#timeline-table")!.innerHTML = `<table><thead><tr><th>From</th><th>Classification</th><th>Authorization</th><th>Review policy</th><th>Changed by</th><th>${termLink("import-measures", "Import measures")}</th></tr></thead><tbody>${entries
      .map(
        (e) =>
          `<tr><td>${escapeHtml(e.date)}</td><td>${escapeHtml(e.verdict.eccn ?? "not in 3A090")}</td><td>${badge(e.verdict.authorization)}</td><td data-value="${escapeHtml(e.verdict.review_policy ?? "")}">${
            e.verdict.review_policy ? termLink(policyTermId(e.verdict.review_policy), label(e.verdict.review_policy)) : ""
          }</td><td>${e.changes.map((c) => changeText(c, rules, measures)).join("; ") || "(before)"}</td><td>${e.verdict.import_measures
            .map((m) => `<span data-value="${escapeHtml(m.id)}">${escapeHtml(m.title)} <small>(${escapeHtml(label(m.effect))})</small></span>`)
            .join("; ")}</td></tr>`,
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
