// SPDX-License-Identifier: Apache-2.0
// The chip gap over time: the best exportable, licensable and domestic chips as shares of the frontier,
// with the rule changes that moved a chip marked on the time axis. Everything from GET /api/v1/gap.
import { get } from "../api";
import { chart } from "../charts";
import { policyTermId, termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink } from "../links";
import { label } from "../names";
import { Route, setParams, today } from "../url_state";

interface GapEntry {
  chip: string;
  value: number;
  ratio: number;
  status: string;
  authorization: string;
  review_policy: string | null;
  import_effect: string;
  available_year_only: boolean;
  announced: boolean;
}

interface GapAnswer {
  destination: string;
  basis: string;
  value_unit: string;
  points: { date: string; projected: boolean; frontier: GapEntry | null; exportable: GapEntry | null; licensable: GapEntry | null; domestic: GapEntry | null; undetermined: string[] }[];
  rule_changes: { date: string; rules: string[] }[];
  unvalued: { chip: string; reason: string }[];
}

const columns = ["exportable", "licensable", "domestic"] as const;
const labels: Record<(typeof columns)[number], string> = {
  exportable: "Best exportable without a licence",
  licensable: "Best licensable (not presumption of denial)",
  domestic: "Best domestic",
};

function cell(e: GapEntry | null, verdict: boolean): string {
  if (!e) return "–";
  let text = `${chipLink(e.chip)} <span class="ratio">${e.ratio.toFixed(2)}</span>`;
  if (verdict && e.authorization === "license" && e.review_policy) text += ` <small>${termLink(policyTermId(e.review_policy), label(e.review_policy))}</small>`;
  else if (verdict && e.authorization !== "none") text += ` <small>${termLink(e.authorization, label(e.authorization))}</small>`;
  if (verdict && e.import_effect !== "none") text += ` <small title="the destination's own net measure">[import ${escapeHtml(label(e.import_effect))}]</small>`;
  if (e.available_year_only) text += ' <small title="first shipment known only to the year">~</small>';
  if (e.announced) text += ' <small title="announced, not shipping">†</small>';
  return text;
}

export async function renderGap(root: HTMLElement, route: Route): Promise<void> {
  const p = route.params;
  const to = p.get("to") ?? "CN";
  const since = p.get("since") ?? "2022-01-01";
  const until = p.get("until") ?? today();
  const step = p.get("step") ?? "quarter";
  const model = p.get("model") ?? "";
  root.innerHTML = `
    <h2>The chip gap</h2>
    <form id="gap-form" class="filters">
      <label>Destination <input name="to" value="${escapeHtml(to)}" size="6"></label>
      <label>Since <input name="since" type="date" value="${escapeHtml(since)}"></label>
      <label>Until <input name="until" type="date" value="${escapeHtml(until)}"></label>
      <label>Step <select name="step"><option value="quarter">quarter</option><option value="month">month</option></select></label>
      <label>Workload model (empty: peak BF16) <input name="model" value="${escapeHtml(model)}" placeholder="llama3-70b"></label>
      <button type="submit">Show</button>
    </form>
    <p id="gap-basis"></p>
    <div id="gap-chart" class="chart"></div>
    <div id="gap-table"></div>`;
  const form = root.querySelector<HTMLFormElement>("#gap-form")!;
  form.querySelector<HTMLSelectElement>('select[name="step"]')!.value = step;
  const draw = async () => {
    const data = new FormData(form);
    const params: Record<string, string> = {
      to: String(data.get("to") || "CN"),
      since: String(data.get("since") || ""),
      until: String(data.get("until") || ""),
      step: String(data.get("step") || "quarter"),
      model: String(data.get("model") || ""),
    };
    setParams(params);
    let gap: GapAnswer;
    try {
      gap = await get<GapAnswer>("gap", params);
    } catch (error) {
      root.querySelector("#gap-table")!.innerHTML = errorBox(error);
      chart(root.querySelector<HTMLElement>("#gap-chart")!).clear();
      root.dataset.points = "0";
      return;
    }
    root.querySelector("#gap-basis")!.textContent =
      `Each line is the best chip in its class as a share of the frontier (the best chip shipping anywhere) on ${gap.value_unit}. ` +
      `Verdicts from the rules engine for ${gap.destination}; dashed lines mark rule changes.`;
    chart(root.querySelector<HTMLElement>("#gap-chart")!).setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: columns.map((c) => labels[c]) },
      grid: { left: 60, right: 30, top: 50, bottom: 40 },
      xAxis: { type: "time" },
      yAxis: { type: "value", min: 0, max: 1, name: "share of the frontier" },
      series: columns.map((c, i) => ({
        name: labels[c],
        type: "line",
        step: "end",
        data: gap.points.map((pt) => [pt.date, pt[c] ? pt[c]!.ratio : null]),
        ...(i === 0
          ? { markLine: { symbol: "none", silent: true, lineStyle: { type: "dashed", color: "#888" }, label: { show: false },
                          data: gap.rule_changes.map((r) => ({ xAxis: r.date, name: r.rules.join(", ") })) } }
          : {}),
      })),
    });
    root.querySelector("#gap-table")!.innerHTML = `<table><thead><tr><th>Date</th><th>Frontier</th><th class="num">${escapeHtml(gap.value_unit)}</th>${columns
      .map((c) => `<th>${labels[c]}</th>`)
      .join("")}</tr></thead><tbody>${gap.points
      .map(
        (pt) =>
          `<tr${pt.projected ? ' class="projected"' : ""}><td>${escapeHtml(pt.date)}${pt.projected ? " *" : ""}</td><td>${pt.frontier ? chipLink(pt.frontier.chip) : "–"}</td><td class="num">${formatNumber(
            pt.frontier?.value,
            0,
          )}</td><td>${cell(pt.exportable, true)}</td><td>${cell(pt.licensable, true)}</td><td>${cell(pt.domestic, false)}</td></tr>`,
      )
      .join("")}</tbody></table>
      <p><small>Ratios to the frontier. ~ first shipment known only to the year; † announced part, counted only after today; * a projection.
      ${gap.unvalued.length} data-centre chips have no value on this basis.</small></p>
      <h3>Rule changes that moved a chip</h3><ul class="rule-changes">${gap.rule_changes
        .map((r) => `<li>${escapeHtml(r.date)}: ${escapeHtml(r.rules.join(", "))}</li>`)
        .join("")}</ul>`;
    root.dataset.points = String(gap.points.length);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void draw();
  });
  await draw();
}
