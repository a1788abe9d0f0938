// SPDX-License-Identifier: Apache-2.0
// Scenarios: China's and the US's compute by year under a policy path (POST /api/v1/scenarios/run), p10,
// p50 and p90 on a log axis, with China's domestic share. The form state lives in the URL.
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
  root.innerHTML = `
    <h2>Scenarios</h2>
    <form id="scenario-form" class="filters">
      <label>Scenario <select name="scenario">${scenarios
        .map((s) => `<option value="${escapeHtml(s.id)}"${s.id === chosen ? " selected" : ""}>${escapeHtml(s.title)}</option>`)
        .join("")}</select></label>
      <label>Basis <select name="basis">${["peak", "train", "serve"]
        .map((b) => `<option${b === basis ? " selected" : ""}>${b}</option>`)
        .join("")}</select></label>
      <button type="submit">Run</button>
    </form>
    <p class="note">Stocks in ${termLink("h100e", "H100 equivalents")} (p10, p50, p90 over 500 draws), as <code>chipgap scenario run</code>; docs/scenarios.md says what the inputs hold and where they stop.</p>
    <div id="scenario-chart" class="chart"></div>
    <div id="scenario-table"></div>`;
  const form = root.querySelector<HTMLFormElement>("#scenario-form")!;
  const run = async () => {
    const data = new FormData(form);
    const id = String(data.get("scenario"));
    const b = String(data.get("basis"));
    setParams({ scenario: id, basis: b });
    let answer: RunAnswer;
    try {
      answer = await post<RunAnswer>("scenarios/run", { scenario: id, draws: 500 });
    } catch (error) {
      root.querySelector("#scenario-table")!.innerHTML = errorBox(error);
      root.dataset.years = "0";
      return;
    }
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
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  await run();
}
