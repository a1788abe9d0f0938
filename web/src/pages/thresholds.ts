// SPDX-License-Identifier: Apache-2.0
// Where each chip sits against the criteria of the rules in force on a chosen date: TPP against
// performance density (chips without a die area on a TPP-only strip), coloured by the authorization and
// review policy each chip gets for the chosen destination; criteria the axes cannot show are listed.
import { ChipVerdict, get, post } from "../api";
import { echarts, chart, standingKey, standingLabel } from "../charts";
import { criteria, criteriaTable, lines } from "../criteria";
import { termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipHref, chipLink } from "../links";
import { statusText } from "../names";
import { ruleDocuments } from "../rules";
import { ChipPoint, thresholdOption } from "../threshold_chart";
import { Route, setParams, today } from "../url_state";

type VerdictRow = ChipVerdict & { rules_in_force: string[] };

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

function chipTable(points: ChipPoint[]): string {
  return `<table id="threshold-chips"><thead><tr><th>Chip</th><th class="num">TPP</th><th class="num">Density</th><th>Standing</th><th>Status</th></tr></thead><tbody>${points
    .map((p) => `<tr><td data-value="${escapeHtml(p.chip)}">${chipLink(p.chip)}</td><td class="num">${formatNumber(p.tpp)}</td><td class="num">${formatNumber(p.density, 2)}</td>
      <td data-value="${escapeHtml(standingKey(p.authorization, p.policy))}">${escapeHtml(standingLabel(standingKey(p.authorization, p.policy)))}</td>
      <td data-value="${escapeHtml(p.status)}">${escapeHtml(statusText(p.status))}</td></tr>`)
    .join("")}</tbody></table>`;
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
      <label><input type="checkbox" name="labels" id="label-points"${route.params.get("labels") === "1" ? " checked" : ""}> label points</label>
    </form>
    <div id="threshold-chart" class="chart" role="img" aria-label="TPP against performance density"></div>
    <p class="note" id="threshold-legend"></p>
    <p class="note" id="not-plotted"></p>
    <form class="filters" id="line-form">
      <label>Move the TPP line of <select name="rule" id="line-rule"></select></label>
      <label>to <input type="range" name="tpp" min="500" max="25000" step="50" value="4800" id="line-slider"></label>
      <output id="line-label">4,800</output>
    </form>
    <p class="note" id="line-result"></p>
    <h3>Criteria in force</h3>
    <div id="criteria-table"></div>
    <h3>Chips placed</h3>
    <div id="chips-table"></div>`;
  const form = root.querySelector<HTMLFormElement>("#threshold-form")!;
  const slider = root.querySelector<HTMLInputElement>("#date-slider")!;
  const label = root.querySelector<HTMLOutputElement>("#date-label")!;
  const element = root.querySelector<HTMLElement>("#threshold-chart")!;
  const destination = () => String(new FormData(form).get("dest") || "CN");
  let tppRules: string[] = [];

  const draw = async () => {
    const at = dates[Number(slider.value)];
    const to = destination();
    const labels = root.querySelector<HTMLInputElement>("#label-points")!.checked;
    label.textContent = at;
    setParams({ date: at, dest: to, labels: labels ? "1" : undefined });
    let rows: VerdictRow[];
    try {
      rows = await get<VerdictRow[]>("verdicts", { date: at, dest: to });
    } catch (error) {
      element.innerHTML = errorBox(error);
      return;
    }
    const inForce = rows[0]?.rules_in_force ?? [];
    const docs = await ruleDocuments(inForce);
    const list = criteria(inForce.flatMap((id) => (docs.has(id) ? [docs.get(id)!] : [])));
    const drawn = lines(list);
    tppRules = inForce.filter((id) => list.some((c) => c.rule === id && c.metric === "tpp"));
    const points: ChipPoint[] = rows
      .filter((r) => r.metrics.tpp)
      .map((r) => ({ chip: r.chip, tpp: r.metrics.tpp!, density: r.metrics.performance_density, authorization: r.authorization, policy: r.review_policy, status: r.status }));
    const instance = chart(element);
    instance.setOption(thresholdOption(points, drawn, element.clientWidth, labels));
    root.dataset.labels = labels ? "1" : "0";  // what the chart now shows (the URL changes before the redraw)
    instance.on("click", (p) => {
      const name = (p.data as unknown[] | undefined)?.[2];
      if (typeof name === "string") location.hash = chipHref(name);
    });
    const strip = points.filter((p) => !p.density).length;
    root.dataset.plotted = String(points.length);
    root.dataset.strip = String(strip);
    root.dataset.lines = String(drawn.length);
    root.dataset.criteria = String(list.length);
    root.querySelector("#threshold-legend")!.innerHTML =
      `${escapeHtml(at)}, destination ${escapeHtml(to)}: ${points.length} chips with a ${termLink("tpp", "TPP")} placed, ${strip} of them on the left strip
      (no die area, so no ${termLink("performance-density", "density")}); dashed lines are the TPP and density criteria of ${escapeHtml(inForce.join(", ") || "no rule")}.
      Colours: ${termLink("license", "licence")} by review policy, ${termLink("nac", "NAC")}, ${termLink("aca", "ACA")}, no licence, ${termLink("undetermined", "undetermined")}. Click a point for the chip.`;
    const missing = rows.filter((r) => !r.metrics.tpp).map((r) => r.chip);
    root.querySelector("#not-plotted")!.innerHTML = missing.length ? `Not placed (TPP unknown): ${missing.map(chipLink).join(", ")}.` : "";
    root.querySelector("#criteria-table")!.innerHTML = list.length ? criteriaTable(list, docs) : "<p>No metric criteria in force.</p>";
    root.querySelector("#chips-table")!.innerHTML = chipTable(points);
  };

  // What if the TPP line of a rule in force moved: a one-point sweep (POST /api/v1/sweep), the moved
  // line drawn in red and the chips whose status it changes listed.
  const lineForm = root.querySelector<HTMLFormElement>("#line-form")!;
  const lineRule = root.querySelector<HTMLSelectElement>("#line-rule")!;
  const lineSlider = root.querySelector<HTMLInputElement>("#line-slider")!;
  const fillRules = () => {
    const chosen = lineRule.value;
    lineRule.innerHTML = tppRules.map((id) => `<option${id === chosen ? " selected" : ""}>${escapeHtml(id)}</option>`).join("");
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
        rule: lineRule.value, vary: [{ metric: "tpp", from: tpp, to: tpp, step: 1 }], to: destination(), date: dates[Number(slider.value)] });
      if (ticket !== pending) return;  // a later move superseded this one
      const flips = answer.points[0].flipped;
      const best = answer.points[0].best_exportable?.chip;
      result.innerHTML = `With ${escapeHtml(lineRule.value)}'s TPP line at ${formatNumber(tpp)}: ${flips.length} chips change status${flips.length ? ": " : "."}${flips
        .map((f) => `${chipLink(f.chip)} <small>(${escapeHtml(statusText(f.before))} → ${escapeHtml(statusText(f.after))})</small>`)
        .join(", ")} Best exportable: ${best ? chipLink(best) : "none"}.`;
      root.dataset.lineFlips = String(flips.length);
      echarts.getInstanceByDom(element)?.setOption({
        series: [{ id: "moved-line", name: "moved line", type: "line", data: [], silent: true, xAxisIndex: 1, yAxisIndex: 1,
                   markLine: { symbol: "none", lineStyle: { color: "#c0392b", width: 2 }, label: { formatter: `moved TPP ${formatNumber(tpp)}`, fontSize: 10, position: "insideStartTop" },
                               data: [{ yAxis: tpp }] } }],
      });
    } catch (error) {
      result.innerHTML = errorBox(error);
    }
  };
  await draw();
  fillRules();
  form.addEventListener("input", () => void draw().then(() => {
    fillRules();
    return moveLine();
  }));
  lineForm.addEventListener("input", () => void moveLine());
  await moveLine();
}
