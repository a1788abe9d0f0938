// SPDX-License-Identifier: Apache-2.0
// Chips side by side: key specs and export metrics on paper (charted as ratios to the first chip, one
// unit on one axis), then systems on a workload at equal count, power or budget (POST /api/v1/compare).
import { ChipSummary, get, post } from "../api";
import { chart } from "../charts";
import { termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink, nameLink } from "../links";
import { Route, setParams } from "../url_state";

// Paper figures charted as ratios to the first chip: every bar has the same unit.
const ratioSeries: { label: string; value: (c: ChipSummary) => number | null }[] = [
  { label: "TPP", value: (c) => c.metrics.tpp },
  { label: "BF16", value: (c) => c.dense_tflops.bf16 },
  { label: "Memory bandwidth", value: (c) => c.memory_bandwidth_gbs },
  { label: "Memory", value: (c) => c.memory_gb },
  { label: "Scale-up", value: (c) => c.scale_up_bandwidth_gbs },
];

interface CompareRow {
  name: string;
  count: number;
  affordable: number;
  feasible: boolean;
  reason?: string;
  value: number | null;
  ratio: number | null;
  power_kw: number | null;
  per_kw_ratio: number | null;
  per_usd_ratio: number | null;
  explains: string | null;
}

const rows: { label: string; value: (c: ChipSummary) => number | string | null; decimals?: number }[] = [
  { label: "Vendor", value: (c) => c.vendor },
  { label: "Year", value: (c) => String(c.year) },
  { label: "Dense BF16 TFLOP/s", value: (c) => c.dense_tflops.bf16, decimals: 1 },
  { label: "Dense FP8 TFLOP/s", value: (c) => c.dense_tflops.fp8, decimals: 1 },
  { label: "Dense INT8 TOP/s", value: (c) => c.dense_tflops.int8, decimals: 1 },
  { label: "Memory GB", value: (c) => c.memory_gb },
  { label: "Memory GB/s", value: (c) => c.memory_bandwidth_gbs },
  { label: "Scale-up GB/s", value: (c) => c.scale_up_bandwidth_gbs },
  { label: "TDP W", value: (c) => c.tdp_w },
  { label: "TPP", value: (c) => c.metrics.tpp },
  { label: "Performance density", value: (c) => c.metrics.performance_density, decimals: 2 },
];

export async function renderCompare(root: HTMLElement, route: Route): Promise<void> {
  let chips: ChipSummary[];
  try {
    chips = await get<ChipSummary[]>("chips");
  } catch (error) {
    root.innerHTML = errorBox(error);
    return;
  }
  const chosen = (route.params.get("chips") ?? "H100 SXM,H800 SXM,H20,Ascend 910C").split(",").filter(Boolean);
  root.innerHTML = `
    <h2>Compare</h2>
    <form id="compare-form" class="filters">
      <label>Chips (comma-separated) <input name="chips" size="50" value="${escapeHtml(chosen.join(","))}"></label>
      <button type="submit">Compare</button>
    </form>
    <div id="compare-chart" class="chart short"></div>
    <div id="compare-table"></div>
    <h3>On a workload</h3>
    <form id="workload-form" class="filters">
      <label>Chips or systems <input name="names" size="40" value="${escapeHtml(route.params.get("names") ?? "GB200 NVL72,CloudMatrix 384,HGX H100")}"></label>
      <label>Equal <select name="equal"><option>power</option><option>count</option><option>budget</option></select></label>
      <label>Amount (kW, chips or USD) <input name="amount" size="10" value="${escapeHtml(route.params.get("amount") ?? "20000")}"></label>
      <label>Model <input name="model" size="12" value="${escapeHtml(route.params.get("model") ?? "llama3-405b")}"></label>
      <label><input type="checkbox" name="serve"> serving (${termLink("tpot", "TPOT")} ≤ 50 ms, INT8 weights)</label>
      <button type="submit">Compare on the workload</button>
    </form>
    <div id="workload-chart" class="chart short"></div>
    <div id="workload-result"></div>`;
  const form = root.querySelector<HTMLFormElement>("#compare-form")!;
  const draw = () => {
    const names = String(new FormData(form).get("chips")).split(",").map((n) => n.trim()).filter(Boolean);
    setParams({ chips: names.join(",") });
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    const picked = names.map((n) => chips.find((c) => norm(c.name) === norm(n))).filter((c): c is ChipSummary => !!c);
    const missing = names.filter((n) => !chips.some((c) => norm(c.name) === norm(n)));
    root.querySelector("#compare-table")!.innerHTML =
      (missing.length ? errorBox(`Not in the catalog: ${missing.join(", ")}`) : "") +
      `<table><thead><tr><th></th>${picked.map((c) => `<th data-value="${escapeHtml(c.name)}">${chipLink(c.name)}</th>`).join("")}</tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr><th>${r.label}</th>${picked
              .map((c) => {
                const v = r.value(c);
                return typeof v === "number" ? `<td class="num">${formatNumber(v, r.decimals ?? 0)}</td>` : `<td>${escapeHtml(v ?? "–")}</td>`;
              })
              .join("")}</tr>`,
        )
        .join("")}</tbody></table>`;
    const base = picked[0];
    chart(root.querySelector<HTMLElement>("#compare-chart")!).setOption({
      animation: false,
      tooltip: {},
      legend: { top: 0, data: ratioSeries.map((r) => r.label) },
      grid: { left: 70, right: 20, top: 45, bottom: 30 },
      xAxis: { type: "category", data: picked.map((c) => c.name) },
      yAxis: { type: "value", name: base ? `ratio to ${base.name}` : "" },
      series: ratioSeries.map((r) => ({
        name: r.label,
        type: "bar",
        data: picked.map((c) => {
          const v = r.value(c), b = base ? r.value(base) : null;
          return v !== null && b ? v / b : null;
        }),
      })),
    });
    root.dataset.compared = String(picked.length);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    draw();
  });
  draw();
  await renderWorkload(root, route);
}

async function renderWorkload(root: HTMLElement, route: Route): Promise<void> {
  const form = root.querySelector<HTMLFormElement>("#workload-form")!;
  form.querySelector<HTMLSelectElement>('select[name="equal"]')!.value = route.params.get("equal") ?? "power";
  form.querySelector<HTMLInputElement>('input[name="serve"]')!.checked = route.params.get("serve") === "1";
  const run = async () => {
    const data = new FormData(form);
    const names = String(data.get("names")).split(",").map((n) => n.trim()).filter(Boolean);
    const equal = String(data.get("equal"));
    const amount = Number(data.get("amount"));
    const serve = data.get("serve") !== null;
    const model = String(data.get("model") || "llama3-405b");
    setParams({ names: names.join(","), equal, amount: String(amount), model, serve: serve ? "1" : undefined });
    const body: Record<string, unknown> = { names, equal, model };
    body[{ power: "power_kw", count: "count", budget: "budget_usd" }[equal] ?? "count"] = amount;
    if (serve) Object.assign(body, { serve: true, tpot_ms: 50, precision: "int8" });
    const result = root.querySelector("#workload-result")!;
    let answer: { baseline: string; value_unit: string; rows: CompareRow[] };
    try {
      answer = await post("compare", body);
    } catch (error) {
      result.innerHTML = errorBox(error);
      chart(root.querySelector<HTMLElement>("#workload-chart")!).clear();
      root.dataset.workloadRows = "0";
      return;
    }
    const ratio = (v: number | null) => (v === null ? "–" : v.toFixed(2));
    result.innerHTML = `<table><thead><tr><th></th><th class="num">Chips</th><th class="num">${escapeHtml(answer.value_unit)}</th><th class="num">Ratio</th><th class="num">IT kW</th><th class="num">Per kW</th><th class="num">Per $</th><th>Explains the difference</th></tr></thead><tbody>${answer.rows
      .map((r) =>
        r.feasible
          ? `<tr><th data-value="${escapeHtml(r.name)}">${nameLink(r.name)}</th><td class="num">${formatNumber(r.count)}</td><td class="num">${formatNumber(r.value)}</td><td class="num">${ratio(r.ratio)}</td><td class="num">${formatNumber(r.power_kw)}</td><td class="num">${ratio(r.per_kw_ratio)}</td><td class="num">${ratio(r.per_usd_ratio)}</td><td>${escapeHtml(r.explains ?? "")}</td></tr>`
          : `<tr><th data-value="${escapeHtml(r.name)}">${nameLink(r.name)}</th><td colspan="7">${escapeHtml(r.reason ?? "")}</td></tr>`,
      )
      .join("")}</tbody></table><p><small>Ratios to ${nameLink(answer.baseline)}. Same as <code>chipgap compare</code>.</small></p>`;
    const feasible = answer.rows.filter((r) => r.feasible);
    chart(root.querySelector<HTMLElement>("#workload-chart")!).setOption({
      animation: false,
      tooltip: {},
      legend: { top: 0, data: ["Throughput", "Per kW", "Per $"] },
      grid: { left: 70, right: 20, top: 45, bottom: 30 },
      xAxis: { type: "category", data: feasible.map((r) => r.name) },
      yAxis: { type: "value", name: `ratio to ${answer.baseline}` },
      series: [
        { name: "Throughput", type: "bar", data: feasible.map((r) => r.ratio) },
        { name: "Per kW", type: "bar", data: feasible.map((r) => r.per_kw_ratio) },
        { name: "Per $", type: "bar", data: feasible.map((r) => r.per_usd_ratio) },
      ],
    });
    root.dataset.workloadRows = String(feasible.length);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  await run();
}
