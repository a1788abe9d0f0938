// SPDX-License-Identifier: Apache-2.0
// Scenarios: China's and the US's compute by year under a policy path (POST /api/v1/scenarios/run), p10,
// p50 and p90 on a log axis; China's additions by source, stacked, with the domestic share of units; two
// sliders that re-run with the smuggling and domestic-output multipliers set. The form state lives in the URL.
import { get, post } from "../api";
import { chart } from "../charts";
import { termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { Route, setParams } from "../url_state";

interface Percentiles { p10: number; p50: number; p90: number }
type ByBasis = Record<string, Percentiles>;
interface Year {
  year: number;
  china: { stock_h100e: ByBasis; additions_h100e: ByBasis; domestic_share_units: Percentiles; domestic_share_compute: ByBasis;
           units: Record<string, Percentiles> };
  us: { stock_h100e: ByBasis; additions_h100e: ByBasis };
  us_china_stock_ratio: ByBasis;
}
interface RunAnswer { scenario: string; draws: number; seed: number; years: Year[]; notes: string[] }

// The latest run asked for, across renders: a reply to an older one (a slider moved again, or the page
// re-rendered for a new URL) is dropped, so what is drawn always matches the form.
let latestRun = 0;

export async function renderScenarios(root: HTMLElement, route: Route): Promise<void> {
  let scenarios: { id: string; title: string }[];
  try {
    scenarios = await get<{ id: string; title: string }[]>("scenarios");
  } catch (error) {
    root.innerHTML = errorBox(error);
    return;
  }
  const chosen = route.params.get("scenario") ?? "status-quo-2026-12";
  const basis = route.params.get("basis") ?? "peak";
  // Multipliers on the inputs (parameters smuggling.multiplier and cn_domestic.multiplier); 1 leaves them as the scenario has them.
  const multiplier = (name: string) => {
    const value = Number(route.params.get(name) ?? "1");
    return Number.isFinite(value) && value >= 0 && value <= 3 ? value : 1;
  };
  // At 1 the parameter is not set, so the scenario's own value holds (full denial halves smuggling).
  const shown = (value: number) => (value === 1 ? "as the scenario has it" : `×${value.toFixed(1)}`);
  const slider = (name: string, label: string, value: number) =>
    `<label>${label} <input type="range" name="${name}" min="0" max="3" step="0.1" value="${value}"> <output name="${name}-value">${shown(value)}</output></label>`;
  root.innerHTML = `
    <h2>Scenarios</h2>
    <form id="scenario-form" class="filters">
      <label>Scenario <select name="scenario">${scenarios
        .map((s) => `<option value="${escapeHtml(s.id)}"${s.id === chosen ? " selected" : ""}>${escapeHtml(s.title)}</option>`)
        .join("")}</select></label>
      <label>Basis <select name="basis">${["peak", "train", "serve"]
        .map((b) => `<option${b === basis ? " selected" : ""}>${b}</option>`)
        .join("")}</select></label>
      ${slider("smuggling", "Smuggling", multiplier("smuggling"))}
      ${slider("domestic", "China's domestic output", multiplier("domestic"))}
      <button type="submit">Run</button>
    </form>
    <p class="note">Stocks in ${termLink("h100e", "H100 equivalents")} (p10, p50, p90 over 500 draws), as <code>chipgap scenario run</code>; docs/scenarios.md says what the inputs hold and where they stop.</p>
    <div id="scenario-chart" class="chart"></div>
    <p class="note">China's additions by source (units, p50, stacked) and the domestic share of units (p50, right axis). Bernstein put the domestic share at 17% in 2023 and projects 55% by 2027 (<code>data/scenarios/inputs/supply.yaml</code>, source <code>bernstein-share</code>).</p>
    <div id="scenario-sources" class="chart"></div>
    <div id="scenario-table"></div>`;
  const form = root.querySelector<HTMLFormElement>("#scenario-form")!;
  const run = async () => {
    const data = new FormData(form);
    const id = String(data.get("scenario"));
    const b = String(data.get("basis"));
    const smuggling = Number(data.get("smuggling"));
    const domestic = Number(data.get("domestic"));
    setParams({ scenario: id, basis: b, ...(smuggling !== 1 ? { smuggling: String(smuggling) } : {}), ...(domestic !== 1 ? { domestic: String(domestic) } : {}) });
    const set: Record<string, number> = {};
    if (smuggling !== 1) set["smuggling.multiplier"] = smuggling;
    if (domestic !== 1) set["cn_domestic.multiplier"] = domestic;
    const ticket = ++latestRun;
    let answer: RunAnswer;
    try {
      answer = await post<RunAnswer>("scenarios/run", { scenario: id, draws: 500, ...(Object.keys(set).length ? { set } : {}) });
    } catch (error) {
      if (ticket !== latestRun) return;
      root.querySelector("#scenario-table")!.innerHTML = errorBox(error);
      root.dataset.years = "0";
      return;
    }
    if (ticket !== latestRun) return;
    const years = answer.years.map((y) => String(y.year));
    const line = (name: string, values: number[], dashed: boolean, color: string) => ({
      name, type: "line", data: values, symbolSize: dashed ? 0 : 6, lineStyle: { type: dashed ? "dashed" : "solid", color }, itemStyle: { color },
    });
    chart(root.querySelector<HTMLElement>("#scenario-chart")!).setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 80, right: 30, top: 40, bottom: 30 },
      xAxis: { type: "category", data: years },
      yAxis: { type: "log", name: `stock, H100e (${b})` },
      series: [
        line("US p50", answer.years.map((y) => y.us.stock_h100e[b].p50), false, "#1f5fa8"),
        line("US p10", answer.years.map((y) => y.us.stock_h100e[b].p10), true, "#7aa7d6"),
        line("US p90", answer.years.map((y) => y.us.stock_h100e[b].p90), true, "#7aa7d6"),
        line("China p50", answer.years.map((y) => y.china.stock_h100e[b].p50), false, "#c0392b"),
        line("China p10", answer.years.map((y) => y.china.stock_h100e[b].p10), true, "#e59a91"),
        line("China p90", answer.years.map((y) => y.china.stock_h100e[b].p90), true, "#e59a91"),
      ],
    });
    const origins: [string, string, string][] = [["legal", "legal imports", "#1f5fa8"], ["smuggled", "smuggled", "#8e44ad"], ["domestic", "domestic", "#c0392b"]];
    chart(root.querySelector<HTMLElement>("#scenario-sources")!).setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 80, right: 60, top: 40, bottom: 30 },
      xAxis: { type: "category", data: years },
      yAxis: [{ type: "value", name: "units added" }, { type: "value", name: "domestic share", min: 0, max: 1 }],
      series: [
        ...origins.map(([key, name, color]) => ({
          name, type: "line", stack: "units", areaStyle: { color }, lineStyle: { color }, itemStyle: { color }, symbolSize: 0,
          data: answer.years.map((y) => y.china.units[key].p50),
        })),
        { name: "domestic share (units)", type: "line", yAxisIndex: 1, data: answer.years.map((y) => y.china.domestic_share_units.p50),
          lineStyle: { color: "#333", type: "dashed" }, itemStyle: { color: "#333" } },
      ],
    });
    const band = (p: Percentiles, decimals = 0) => `${formatNumber(p.p50, decimals)} <small>(${formatNumber(p.p10, decimals)}-${formatNumber(p.p90, decimals)})</small>`;
    root.querySelector("#scenario-table")!.innerHTML = `<table><thead><tr><th>Year</th><th class="num">China stock</th><th class="num">China additions</th><th class="num">US stock</th><th class="num">US:China</th><th class="num">Domestic share (units)</th><th class="num">Legal / smuggled / domestic units</th></tr></thead><tbody>${answer.years
      .map(
        (y) =>
          `<tr><td>${y.year}</td><td class="num">${band(y.china.stock_h100e[b])}</td><td class="num">${band(y.china.additions_h100e[b])}</td><td class="num">${band(
            y.us.stock_h100e[b],
          )}</td><td class="num">${band(y.us_china_stock_ratio[b], 1)}</td><td class="num">${band(y.china.domestic_share_units, 2)}</td><td class="num">${[
            "legal", "smuggled", "domestic",
          ]
            .map((o) => formatNumber(y.china.units[o].p50))
            .join(" / ")}</td></tr>`,
      )
      .join("")}</tbody></table>${answer.notes.length ? `<ul class="note">${answer.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : ""}`;
    root.dataset.years = String(answer.years.length);
    root.dataset.scenario = id;
    root.dataset.smuggling = String(smuggling);
  };
  for (const input of root.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
    input.addEventListener("input", () => {
      form.querySelector<HTMLOutputElement>(`output[name="${input.name}-value"]`)!.value = shown(Number(input.value));
    });
    input.addEventListener("change", () => form.requestSubmit());
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  await run();
}
