// SPDX-License-Identifier: Apache-2.0
// Policy design: a threshold sweep (POST /api/v1/sweep) drawn as flips and the best exportable chip
// against the moved threshold, or as a heat map over two thresholds, with China's compute when a
// scenario is chosen; and design-to-comply (POST /api/v1/design) as a table of the best designs and what
// binds them. The form state lives in the URL.
import { get, post, RuleSummary } from "../api";
import { chart } from "../charts";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink } from "../links";
import { label, metricLabel, statusText } from "../names";
import { Route, setParams, today } from "../url_state";

interface Best { chip: string; value: number; status: string }
interface SweepPoint {
  index: number;
  thresholds: Record<string, number>;
  flipped: { chip: string; before: string; after: string }[];
  best_exportable: Best | null;
  china_compute?: { year: number; p10: number; p50: number; p90: number };
}
interface SweepAnswer {
  rule: string;
  axes: { metric: string; baseline: number; values: number }[];
  value_unit: string;
  baseline_best_exportable: Best | null;
  points: SweepPoint[];
}
interface Design {
  knobs: Record<string, number>;
  metrics: { tpp: number | null; performance_density: number | null; dram_bandwidth_gbs: number | null; io_bandwidth_gbs: number | null };
  verdict: string;
  objective: number | null;
  objective_ratio: number | null;
  binding: { knob: string; next: number; at_bound: boolean; new_status: string; clauses: string[] }[];
}
interface DesignAnswer {
  base: string;
  candidates: number;
  compliant: number;
  evaluated: number;
  reason: string;
  objective_unit: string;
  designs: Design[];
  unconstrained: Design;
}

const metrics = ["tpp", "performance_density", "dram_bandwidth", "io_bandwidth", "dram_plus_io_bandwidth"];

function options(values: string[], chosen: string, labels: Record<string, string> = {}): string {
  return values.map((v) => `<option value="${escapeHtml(v)}"${v === chosen ? " selected" : ""}>${escapeHtml(labels[v] ?? v)}</option>`).join("");
}

const metricLabels = Object.fromEntries(metrics.map((m) => [m, metricLabel(m)]));
const best = (b: Best | null) => (b ? chipLink(b.chip) : "none");

function drawSweep(root: HTMLElement, answer: SweepAnswer): void {
  const element = root.querySelector<HTMLElement>("#sweep-chart")!;
  const [first, second] = answer.axes;
  if (!second) {
    const x = answer.points.map((p) => p.thresholds[first.metric]);
    const series: object[] = [
      { name: "chips that flip", type: "bar", data: answer.points.map((p, i) => [x[i], p.flipped.length]) },
      { name: `best exportable (${answer.value_unit})`, type: "line", step: "middle", yAxisIndex: 1,
        data: answer.points.map((p, i) => [x[i], p.best_exportable ? p.best_exportable.value : 0]) },
    ];
    if (answer.points[0]?.china_compute) {
      series.push({ name: "China stock p50 (H100e)", type: "line", yAxisIndex: 2, data: answer.points.map((p, i) => [x[i], p.china_compute!.p50]) });
    }
    chart(element).setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 60, right: 160, top: 50, bottom: 45 },
      xAxis: { type: "value", name: metricLabel(first.metric), nameLocation: "middle", nameGap: 28, scale: true },
      yAxis: [
        { type: "value", name: "flips", minInterval: 1 },
        { type: "value", name: "best exportable", position: "right" },
        { type: "value", name: "China H100e", position: "right", offset: 80, show: Boolean(answer.points[0]?.china_compute) },
      ],
      series,
    });
  } else {
    const xs = [...new Set(answer.points.map((p) => p.thresholds[first.metric]))];
    const ys = [...new Set(answer.points.map((p) => p.thresholds[second.metric]))];
    const max = Math.max(1, ...answer.points.map((p) => p.flipped.length));
    chart(element).setOption({
      animation: false,
      tooltip: { formatter: (p: { data: [number, number, number] }) => `${metricLabel(first.metric)} ${xs[p.data[0]]}, ${metricLabel(second.metric)} ${ys[p.data[1]]}: ${p.data[2]} chips flip` },
      grid: { left: 80, right: 40, top: 20, bottom: 80 },
      xAxis: { type: "category", data: xs.map(String), name: metricLabel(first.metric), nameLocation: "middle", nameGap: 30 },
      yAxis: { type: "category", data: ys.map(String), name: metricLabel(second.metric) },
      visualMap: { min: 0, max, calculable: true, orient: "horizontal", left: "center", bottom: 0, text: ["more flips", "none"] },
      series: [{ name: "chips that flip", type: "heatmap", data: answer.points.map((p) => [xs.indexOf(p.thresholds[first.metric]), ys.indexOf(p.thresholds[second.metric]), p.flipped.length]) }],
    });
  }
  const china = Boolean(answer.points[0]?.china_compute);
  root.querySelector("#sweep-table")!.innerHTML = `<p>As the rules stand: best exportable ${best(answer.baseline_best_exportable)}
    (${formatNumber(answer.baseline_best_exportable?.value)} ${escapeHtml(answer.value_unit)}).</p>
    <table><thead><tr>${answer.axes.map((a) => `<th class="num" data-value="${escapeHtml(a.metric)}">${escapeHtml(metricLabel(a.metric))} (now ${formatNumber(a.baseline, 2)})</th>`).join("")}
    <th class="num">Flips</th><th>Chips that change status</th><th>Best exportable</th><th class="num">Value</th>${china ? '<th class="num">China stock p50 (p10–p90)</th>' : ""}</tr></thead>
    <tbody>${answer.points
      .map(
        (p) => `<tr>${answer.axes.map((a) => `<td class="num">${formatNumber(p.thresholds[a.metric], 2)}</td>`).join("")}
        <td class="num">${p.flipped.length}</td><td>${p.flipped.map((f) => `<span title="${escapeHtml(`${statusText(f.before)} → ${statusText(f.after)}`)}">${chipLink(f.chip)}</span>`).join(", ")}</td>
        <td>${best(p.best_exportable)}</td><td class="num">${formatNumber(p.best_exportable?.value)}</td>
        ${china ? `<td class="num">${formatNumber(p.china_compute!.p50)} (${formatNumber(p.china_compute!.p10)}–${formatNumber(p.china_compute!.p90)})</td>` : ""}</tr>`,
      )
      .join("")}</tbody></table>
    <p><small>Hover a chip for its status before and after. Exportable: shipping by the date, foreign to the destination, no licence (an exception such as NAC counts).</small></p>`;
}

function designTable(answer: DesignAnswer): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const row = (label: string, d: Design) => `<tr><td>${escapeHtml(label)}</td>${["compute_share", "memory_bandwidth_share", "memory_capacity_share", "scale_up_share"]
    .map((k) => `<td class="num">${pct(d.knobs[k])}</td>`)
    .join("")}<td class="num">${formatNumber(d.metrics.tpp)}</td><td class="num">${formatNumber(d.metrics.performance_density, 2)}</td>
    <td class="num">${formatNumber(d.metrics.dram_bandwidth_gbs)}</td><td class="num">${formatNumber(d.metrics.io_bandwidth_gbs)}</td>
    <td data-value="${escapeHtml(d.verdict)}">${escapeHtml(statusText(d.verdict))}</td><td class="num">${formatNumber(d.objective)}</td><td class="num">${d.objective_ratio !== null ? pct(d.objective_ratio) : "–"}</td></tr>`;
  const best = answer.designs[0];
  return `<p>${formatNumber(answer.candidates)} candidates, ${formatNumber(answer.compliant)} comply, ${formatNumber(answer.evaluated)} undominated ones evaluated on ${escapeHtml(answer.objective_unit)}.</p>
    ${answer.reason ? `<p class="note">${escapeHtml(answer.reason)}</p>` : ""}
    <table><thead><tr><th>#</th><th class="num">Compute</th><th class="num">DRAM BW</th><th class="num">DRAM cap</th><th class="num">Links</th>
    <th class="num">TPP</th><th class="num">Density</th><th class="num">DRAM GB/s</th><th class="num">I/O GB/s</th><th>Status</th><th class="num">Objective</th><th class="num">vs die</th></tr></thead>
    <tbody>${answer.designs.map((d, i) => row(String(i + 1), d)).join("")}${row("die", answer.unconstrained)}</tbody></table>
    ${best ? `<h3>What binds the best design</h3><ul>${best.binding
      .map((b) => `<li>${escapeHtml(label(b.knob))}: ${b.at_bound ? "at its upper bound in data/design/" : `at ${pct(b.next)} the status becomes ${escapeHtml(statusText(b.new_status))} (${escapeHtml(b.clauses.join(", "))})`}</li>`)
      .join("")}</ul>` : ""}
    <p><small>Knobs are shares of the base die's catalogued values; the die row is the base die itself, as a new part.</small></p>`;
}

export async function renderPolicy(root: HTMLElement, route: Route): Promise<void> {
  let rules: RuleSummary[];
  let scenarios: { id: string; title: string }[] = [];
  try {
    rules = await get<RuleSummary[]>("rules");
    scenarios = await get<{ id: string; title: string }[]>("scenarios").catch(() => []);
  } catch (error) {
    root.innerHTML = errorBox(error);
    return;
  }
  const p = route.params;
  const v = (key: string, fallback: string) => p.get(key) ?? fallback;
  root.innerHTML = `
    <h2>Policy design</h2>
    <h3>Move a rule's thresholds</h3>
    <form id="sweep-form" class="filters">
      <label>Rule <select name="rule">${options(rules.map((r) => r.id), v("rule", "us-ear-2023-10"))}</select></label>
      <label>Metric <select name="metric">${options(metrics, v("metric", "tpp"), metricLabels)}</select></label>
      <label>From <input name="from" value="${escapeHtml(v("from", "4800"))}" size="7"></label>
      <label>To <input name="to_value" value="${escapeHtml(v("to_value", "1600"))}" size="7"></label>
      <label>Step <input name="step" value="${escapeHtml(v("step", "-200"))}" size="6"></label>
      <label>Second metric <select name="metric2">${options(["", ...metrics], v("metric2", ""), { "": "none", ...metricLabels })}</select></label>
      <label>From <input name="from2" value="${escapeHtml(v("from2", "5.92"))}" size="6"></label>
      <label>To <input name="to2" value="${escapeHtml(v("to2", "1.6"))}" size="6"></label>
      <label>Step <input name="step2" value="${escapeHtml(v("step2", "-0.48"))}" size="6"></label>
      <label>Move <select name="mode">${options(["line", "scale"], v("mode", "line"), { line: "move the line", scale: "scale every threshold" })}</select></label>
      <label>Destination <input name="dest" value="${escapeHtml(v("dest", "CN"))}" size="4"></label>
      <label>Date <input name="date" type="date" value="${escapeHtml(v("date", "2024-06-01"))}"></label>
      <label>Scenario <select name="scenario">${options(["", ...scenarios.map((s) => s.id)], v("scenario", ""), { "": "none" })}</select></label>
      <label>Year <input name="year" value="${escapeHtml(v("year", "2026"))}" size="5"></label>
      <button type="submit">Sweep</button>
    </form>
    <div id="sweep-chart" class="chart"></div>
    <div id="sweep-table"></div>
    <h3>Design a part that complies</h3>
    <form id="design-form" class="filters">
      <label>Base die <input name="base" value="${escapeHtml(v("base", "H100 SXM"))}" size="12"></label>
      <label>Destination <input name="design_to" value="${escapeHtml(v("design_to", "CN"))}" size="4"></label>
      <label>Date <input name="design_date" type="date" value="${escapeHtml(v("design_date", today()))}"></label>
      <label>Wanted <select name="want">${options(["none", "nac", "case_by_case"], v("want", "none"), { none: "no licence", nac: "at most NAC", case_by_case: "case by case" })}</select></label>
      <label>Objective <select name="objective">${options(["serve", "train"], v("objective", "serve"))}</select></label>
      <button type="submit">Design</button>
    </form>
    <div id="design-result"></div>`;
  const sweepForm = root.querySelector<HTMLFormElement>("#sweep-form")!;
  const designForm = root.querySelector<HTMLFormElement>("#design-form")!;
  const fields = (form: HTMLFormElement) => Object.fromEntries([...new FormData(form).entries()].map(([k, x]) => [k, String(x)]));

  const sweep = async () => {
    const f = fields(sweepForm);
    setParams(f);
    const vary = [{ metric: f.metric, from: Number(f.from), to: Number(f.to_value), step: Number(f.step) }];
    if (f.metric2) vary.push({ metric: f.metric2, from: Number(f.from2), to: Number(f.to2), step: Number(f.step2) });
    const body: Record<string, unknown> = { rule: f.rule, vary, mode: f.mode, to: f.dest, date: f.date };
    if (f.scenario) Object.assign(body, { scenario: f.scenario, year: Number(f.year), draws: 100 });
    try {
      const answer = await post<SweepAnswer>("sweep", body);
      drawSweep(root, answer);
      root.dataset.sweepPoints = String(answer.points.length);
    } catch (error) {
      chart(root.querySelector<HTMLElement>("#sweep-chart")!).clear();
      root.querySelector("#sweep-table")!.innerHTML = errorBox(error);
      root.dataset.sweepPoints = "0";
    }
  };
  const design = async () => {
    const f = fields(designForm);
    setParams(f);
    const target = root.querySelector("#design-result")!;
    target.innerHTML = "<p>Searching…</p>";
    try {
      const answer = await post<DesignAnswer>("design", { base: f.base, to: f.design_to, date: f.design_date, want: f.want, objective: f.objective, top: 5 });
      target.innerHTML = designTable(answer);
      root.dataset.designs = String(answer.designs.length);
    } catch (error) {
      target.innerHTML = errorBox(error);
      root.dataset.designs = "0";
    }
  };
  sweepForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void sweep();
  });
  designForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void design();
  });
  await sweep();
  if (p.get("base")) await design();
}
