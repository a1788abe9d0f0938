// SPDX-License-Identifier: Apache-2.0
// Chips side by side: key specs, export metrics and a bar chart of the chosen metric.
import { ChipSummary, get } from "../api";
import { chart } from "../charts";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { Route, setParams } from "../url_state";

const rows: { label: string; value: (c: ChipSummary) => number | string | null; decimals?: number }[] = [
  { label: "Vendor", value: (c) => c.vendor },
  { label: "Year", value: (c) => c.year },
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
    <div id="compare-table"></div>`;
  const form = root.querySelector<HTMLFormElement>("#compare-form")!;
  const draw = () => {
    const names = String(new FormData(form).get("chips")).split(",").map((n) => n.trim()).filter(Boolean);
    setParams({ chips: names.join(",") });
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    const picked = names.map((n) => chips.find((c) => norm(c.name) === norm(n))).filter((c): c is ChipSummary => !!c);
    const missing = names.filter((n) => !chips.some((c) => norm(c.name) === norm(n)));
    root.querySelector("#compare-table")!.innerHTML =
      (missing.length ? errorBox(`Not in the catalog: ${missing.join(", ")}`) : "") +
      `<table><thead><tr><th></th>${picked.map((c) => `<th>${escapeHtml(c.name)}</th>`).join("")}</tr></thead><tbody>${rows
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
    chart(root.querySelector<HTMLElement>("#compare-chart")!).setOption({
      animation: false,
      tooltip: {},
      legend: { data: ["TPP", "Memory GB/s"] },
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: picked.map((c) => c.name) },
      yAxis: { type: "value" },
      series: [
        { name: "TPP", type: "bar", data: picked.map((c) => c.metrics.tpp) },
        { name: "Memory GB/s", type: "bar", data: picked.map((c) => c.memory_bandwidth_gbs) },
      ],
    });
    root.dataset.compared = String(picked.length);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    draw();
  });
  draw();
}
