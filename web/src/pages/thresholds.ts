// SPDX-License-Identifier: Apache-2.0
// Where each chip sits against the thresholds of the rules in force on a chosen date: TPP against
// performance density, coloured by the authorization each chip needs for the chosen destination.
import { ChipVerdict, Condition, get, post, RuleDocument } from "../api";
import { authorizationColors, chart, echarts } from "../charts";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { Route, setParams, today } from "../url_state";

type VerdictRow = ChipVerdict & { rules_in_force: string[] };

const ruleCache = new Map<string, RuleDocument>();

async function rule(id: string): Promise<RuleDocument> {
  if (!ruleCache.has(id)) ruleCache.set(id, await get<RuleDocument>(`rules/${encodeURIComponent(id)}`));
  return ruleCache.get(id)!;
}

// Every TPP and density threshold of the classification clauses, with the clause it belongs to.
function thresholds(condition: Condition, clause: string, out: { metric: string; value: number; clause: string }[]): void {
  for (const child of [...(condition.all ?? []), ...(condition.any ?? []), ...(condition.not ? [condition.not] : [])]) thresholds(child, clause, out);
  if (condition.metric === "tpp" || condition.metric === "performance_density") {
    const value = condition.ge ?? condition.gt ?? condition.le ?? condition.lt;
    if (typeof value === "number") out.push({ metric: condition.metric, value, clause });
  }
}

function months(from: string, to: string): string[] {
  const result: string[] = [];
  const date = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (date <= end) {
    result.push(date.toISOString().slice(0, 10));
    date.setUTCMonth(date.getUTCMonth() + 1);
  }
  if (result[result.length - 1] !== to) result.push(to);
  return result;
}

export async function renderThresholds(root: HTMLElement, route: Route): Promise<void> {
  const dates = months("2022-08-01", today());
  const date = route.params.get("date") ?? dates[dates.length - 1];
  const dest = route.params.get("dest") ?? "CN";
  const index = Math.max(0, dates.findIndex((d) => d >= date));
  root.innerHTML = `
    <h2>Chips against the thresholds in force</h2>
    <form class="filters" id="threshold-form">
      <label>Date <input type="range" name="date" min="0" max="${dates.length - 1}" value="${index}" id="date-slider"></label>
      <output id="date-label">${escapeHtml(date)}</output>
      <label>Destination <input name="dest" value="${escapeHtml(dest)}" size="4"></label>
    </form>
    <div id="threshold-chart" class="chart" role="img" aria-label="TPP against performance density"></div>
    <p class="note" id="threshold-legend"></p>
    <p class="note" id="not-plotted"></p>
    <form class="filters" id="line-form">
      <label>Move the TPP line of <select name="rule" id="line-rule"></select></label>
      <label>to <input type="range" name="tpp" min="500" max="25000" step="50" value="4800" id="line-slider"></label>
      <output id="line-label">4,800</output>
    </form>
    <p class="note" id="line-result"></p>`;
  const form = root.querySelector<HTMLFormElement>("#threshold-form")!;
  const slider = root.querySelector<HTMLInputElement>("#date-slider")!;
  const label = root.querySelector<HTMLOutputElement>("#date-label")!;
  const element = root.querySelector<HTMLElement>("#threshold-chart")!;

  const draw = async () => {
    const at = dates[Number(slider.value)];
    const to = String(new FormData(form).get("dest") || "CN");
    label.textContent = at;
    setParams({ date: at, dest: to });
    let rows: VerdictRow[];
    try {
      rows = await get<VerdictRow[]>("verdicts", { date: at, dest: to });
    } catch (error) {
      element.innerHTML = errorBox(error);
      return;
    }
    const lines: { metric: string; value: number; clause: string }[] = [];
    for (const id of rows[0]?.rules_in_force ?? []) {
      for (const clause of (await rule(id)).classification) thresholds(clause.when, clause.clause, lines);
    }
    const unique = lines.filter((l, i) => lines.findIndex((m) => m.metric === l.metric && m.value === l.value) === i);
    const plotted = rows.filter((r) => r.metrics.tpp && r.metrics.performance_density);
    const groups = Object.keys(authorizationColors);
    const instance = chart(element);
    instance.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: (p: { data: [number, number, string, string] }) => `${escapeHtml(p.data[2])}<br>TPP ${formatNumber(p.data[1])}, density ${formatNumber(p.data[0], 2)}<br>${escapeHtml(p.data[3])}` },
      legend: { data: groups, top: 0 },
      grid: { left: 70, right: 30, top: 40, bottom: 50 },
      xAxis: { type: "log", name: "performance density (TPP / mm²)", nameLocation: "middle", nameGap: 30, min: 0.5 },
      yAxis: { type: "log", name: "TPP", min: 100 },
      series: groups.map((authorization, i) => ({
        name: authorization,
        type: "scatter",
        itemStyle: { color: authorizationColors[authorization] },
        data: plotted.filter((r) => r.authorization === authorization).map((r) => [r.metrics.performance_density, r.metrics.tpp, r.chip, r.status]),
        markLine:
          i === 0
            ? {
                silent: true,
                symbol: "none",
                lineStyle: { color: "#555", type: "dashed" },
                label: { formatter: "{b}", fontSize: 10 },
                data: unique.map((l) => (l.metric === "tpp" ? { yAxis: l.value, name: `${l.clause} TPP ${l.value}` } : { xAxis: l.value, name: `${l.clause} PD ${l.value}` })),
              }
            : undefined,
      })),
    });
    root.dataset.plotted = String(plotted.length);
    root.dataset.lines = String(unique.length);
    root.querySelector("#threshold-legend")!.textContent =
      `${at}, destination ${to}: ${plotted.length} chips plotted; dashed lines are the TPP and density thresholds of ${rows[0]?.rules_in_force.join(", ") || "no rule"}.`;
    const missing = rows.filter((r) => !r.metrics.tpp || !r.metrics.performance_density).map((r) => r.chip);
    root.querySelector("#not-plotted")!.textContent = missing.length ? `Not plotted (TPP or die area unknown): ${missing.join(", ")}.` : "";
  };
  form.addEventListener("input", () => void draw());
  await draw();

  // What if the TPP line of a rule in force moved: a one-point sweep (POST /api/v1/sweep), the moved
  // line drawn in red and the chips whose status it changes listed.
  const lineForm = root.querySelector<HTMLFormElement>("#line-form")!;
  const lineRule = root.querySelector<HTMLSelectElement>("#line-rule")!;
  const lineSlider = root.querySelector<HTMLInputElement>("#line-slider")!;
  const fillRules = async () => {
    const at = dates[Number(slider.value)];
    const rows = await get<VerdictRow[]>("verdicts", { date: at, dest: String(new FormData(form).get("dest") || "CN") }).catch(() => []);
    const withTpp: string[] = [];
    for (const id of rows[0]?.rules_in_force ?? []) {
      const lines: { metric: string; value: number; clause: string }[] = [];
      for (const clause of (await rule(id)).classification) thresholds(clause.when, clause.clause, lines);
      if (lines.some((l) => l.metric === "tpp")) withTpp.push(id);
    }
    lineRule.innerHTML = withTpp.map((id) => `<option>${escapeHtml(id)}</option>`).join("");
  };
  let pending = 0;
  const moveLine = async () => {
    const ticket = ++pending;
    const tpp = Number(lineSlider.value);
    root.querySelector("#line-label")!.textContent = formatNumber(tpp);
    const result = root.querySelector("#line-result")!;
    if (!lineRule.value) {
      result.textContent = "No rule in force on this date tests TPP.";
      return;
    }
    try {
      const answer = await post<{ points: { flipped: { chip: string; before: string; after: string }[]; best_exportable: { chip: string } | null }[] }>("sweep", {
        rule: lineRule.value, vary: [{ metric: "tpp", from: tpp, to: tpp, step: 1 }], to: String(new FormData(form).get("dest") || "CN"),
        date: dates[Number(slider.value)] });
      if (ticket !== pending) return;  // a later move superseded this one
      const flips = answer.points[0].flipped;
      result.innerHTML = `With ${escapeHtml(lineRule.value)}'s TPP line at ${formatNumber(tpp)}: ${flips.length} chips change status${flips.length ? ": " : "."}${flips
        .map((f) => `${escapeHtml(f.chip)} <small>(${escapeHtml(f.before)} → ${escapeHtml(f.after)})</small>`)
        .join(", ")} Best exportable: ${escapeHtml(answer.points[0].best_exportable?.chip ?? "none")}.`;
      root.dataset.lineFlips = String(flips.length);
      echarts.getInstanceByDom(element)?.setOption({
        series: [{ id: "moved-line", name: "moved line", type: "line", data: [], silent: true,
                   markLine: { symbol: "none", lineStyle: { color: "#c0392b", width: 2 }, label: { formatter: `moved TPP ${formatNumber(tpp)}`, fontSize: 10 },
                               data: [{ yAxis: tpp }] } }],
      });
    } catch (error) {
      result.innerHTML = errorBox(error);
    }
  };
  await fillRules();
  form.addEventListener("input", () => void fillRules().then(moveLine));
  lineForm.addEventListener("input", () => void moveLine());
  await moveLine();
}
