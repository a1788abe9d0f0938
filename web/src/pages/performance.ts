// SPDX-License-Identifier: Apache-2.0
// Train and serve: forms over POST /api/v1/train and /api/v1/infer, with the answer's figures and a chart
// of where the time goes. The form state lives in the URL, so a result can be shared.
import { get, post } from "../api";
import { chart } from "../charts";
import { termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink, systemLink } from "../links";
import { Route, setParams } from "../url_state";

interface ModelSummary { name: string; aliases: string[]; params_b: number; active_params_b: number; moe: boolean }
interface SystemSummary { name: string; chip: string; chip_count: number }
interface Breakdown { [key: string]: number | { exposed_s: number; hidden_s: number; overlap_slowdown_s?: number } }
// The same plan with every efficiency at the slow and the fast end of its range (docs/training.md, "Bands").
interface TrainBandEnd { step_time_s: number; tokens_per_s_per_chip: number; mfu: number }
interface TrainEstimate {
  feasible: boolean; reason?: string; step_time_s: number; tokens_per_s_per_chip: number; model_tflops_per_chip: number;
  mfu: number; memory_per_chip_gb: number; memory_capacity_gb: number; plan: Record<string, unknown>;
  breakdown: Breakdown; band?: { slow: TrainBandEnd; fast: TrainBandEnd };
  run?: { days: number; days_band: { fast: number; slow: number } | null; chip_hours: number; energy_mwh: number | null;
          power_per_chip_w: number | null; energy_it_mwh: number | null; cost_usd: number | null };
}
interface TrainAnswer extends Partial<TrainEstimate> { plans?: TrainEstimate[]; plans_evaluated?: number; search_seconds?: number }
interface ServeEstimate {
  feasible: boolean; reason?: string; meets_targets: boolean; deployment: Record<string, unknown>; batch_per_chip: number;
  prefill_tokens_per_s_per_chip: number; decode_tokens_per_s_per_chip: number; output_tokens_per_s_per_chip: number;
  ttft_ms: number; tpot_ms: number; memory_per_chip_gb: number; usd_per_million_tokens: number | null;
  joules_per_token: number | null; joules_per_token_it: number | null;
  breakdown: { decode: Record<string, number> };
  band?: { slow: Record<string, number>; fast: Record<string, number> };
}
interface ServeAnswer extends Partial<ServeEstimate> {
  colocated?: ServeEstimate[];
  disaggregated?: { prefill: ServeEstimate; decode: ServeEstimate; prefill_chips_per_decode_chip: number; output_tokens_per_s_per_chip: number } | null;
}

const trainDefaults: Record<string, string> = {
  model: "Llama 3 70B", system: "HGX H100", count: "512", seq_len: "4096", global_batch: "1024", precision: "bf16", tokens: "15e12",
};
const serveDefaults: Record<string, string> = {
  model: "DeepSeek-V3", system: "HGX H800", count: "64", precision: "fp8", input_len: "4096", output_len: "1024", tpot_ms: "50",
};

function describePlan(p: Record<string, unknown>): string {
  const parts = [`TP ${p.tp}`, `PP ${p.pp}`, `DP ${p.dp}`];
  if (Number(p.cp) > 1) parts.push(`CP ${p.cp}`);
  if (Number(p.ep) > 1) parts.push(`EP ${p.ep}`);
  if (Number(p.vp) > 1) parts.push(`VP ${p.vp}`);
  parts.push(`mbs ${p.micro_batch}`, `recompute ${p.recompute}`, `ZeRO-${p.zero}`);
  return parts.join(" · ");
}

function describeDeployment(d: Record<string, unknown>): string {
  const parts = [`${d.chips} chips`, `TP ${d.tp}`, `DP ${d.dp}`];
  if (Number(d.ep) > 1) parts.push(`EP ${d.ep}`);
  parts.push(String(d.precision));
  if (d.two_batch_overlap) parts.push("two-batch overlap");
  if (Number(d.attention_core_share) > 0) parts.push(`attention on ${Math.round(Number(d.attention_core_share) * 100)}% of the units`);
  return parts.join(" · ");
}

function field(name: string, label: string, value: string, size = 8): string {
  return `<label>${label} <input name="${name}" size="${size}" value="${escapeHtml(value)}"></label>`;
}

function options(values: string[], chosen: string): string {
  return values.map((v) => `<option${v === chosen ? " selected" : ""}>${escapeHtml(v)}</option>`).join("");
}

function drawTrainBreakdown(element: HTMLElement, e: TrainEstimate): void {
  const b = e.breakdown;
  const comm = ["tp", "cp", "ep", "pp", "dp"] as const;
  const tp = b.tp as { overlap_slowdown_s?: number };
  const labels = ["compute", "bubble", "optimizer", "TP overlap slowdown", ...comm.map((c) => `${c.toUpperCase()} exposed`)];
  const values = [Number(b.compute_s), Number(b.bubble_s), Number(b.optimizer_s), Number(tp.overlap_slowdown_s ?? 0),
    ...comm.map((c) => (b[c] as { exposed_s: number }).exposed_s)];
  chart(element).setOption({
    animation: false,
    title: { text: "Where a step's time goes (s)", left: "center", textStyle: { fontSize: 13 } },
    tooltip: {},
    grid: { left: 120, right: 20, top: 40, bottom: 20 },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: labels },
    series: [{ type: "bar", data: values.map((v) => Number(v.toFixed(4))) }],
  });
}

function drawDecodeBreakdown(element: HTMLElement, e: ServeEstimate): void {
  const d = e.breakdown.decode;
  // "streams" is negative where partitioned attention and MoE streams overlap each other.
  const labels = ["weights", "experts", "attention", "other", "TP exposed", "EP exposed", "streams"];
  const keys = ["weights_ms", "experts_ms", "attention_ms", "other_ms", "tp_exposed_ms", "ep_exposed_ms", "stream_overlap_ms"];
  chart(element).setOption({
    animation: false,
    title: { text: "One decode step (ms)", left: "center", textStyle: { fontSize: 13 } },
    tooltip: {},
    grid: { left: 100, right: 20, top: 40, bottom: 20 },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: labels },
    series: [{ type: "bar", data: keys.map((k) => Number((d[k] ?? 0).toFixed(3))) }],
  });
}

// " (band 1,200 to 1,900)" where the answer carries one.
function bandText(slow: number | undefined, fast: number | undefined, digits = 0): string {
  return slow === undefined || fast === undefined ? "" : ` (band ${formatNumber(slow, digits)} to ${formatNumber(fast, digits)})`;
}

// Energy always at chip TDP (comparable across clusters), the system's IT power beside it when known.
function energyText(chipBasis: number | null, itBasis: number | null, unit: string, digits: number): string {
  const chip = chipBasis === null ? "energy at chip TDP unknown" : `${formatNumber(chipBasis, digits)} ${unit} at chip TDP`;
  return itBasis === null ? chip : `${chip}, ${formatNumber(itBasis, digits)} ${unit} at system power`;
}

function trainSummary(e: TrainEstimate): string {
  const run = e.run
    ? `<p>Whole run: <strong>${formatNumber(e.run.days, 1)} days</strong>${bandText(e.run.days_band?.fast, e.run.days_band?.slow, 1)},
       ${formatNumber(e.run.chip_hours)} chip-hours, ${energyText(e.run.energy_mwh, e.run.energy_it_mwh, "MWh", 0)}${
         e.run.cost_usd === null ? ", cost unknown (no catalog price)" : `, $${formatNumber(e.run.cost_usd)}`}</p>`
    : "";
  return `${e.feasible ? "" : errorBox(`Does not fit: ${e.reason}`)}
    <p class="figures">Step <strong>${formatNumber(e.step_time_s, 2)} s</strong> · ${formatNumber(e.tokens_per_s_per_chip)} tokens/s per chip${
      bandText(e.band?.slow.tokens_per_s_per_chip, e.band?.fast.tokens_per_s_per_chip)} ·
    ${formatNumber(e.model_tflops_per_chip)} model TFLOP/s per chip (${termLink("mfu", "MFU")} ${formatNumber(100 * e.mfu, 1)}%) ·
    memory ${formatNumber(e.memory_per_chip_gb, 1)} of ${formatNumber(e.memory_capacity_gb)} GB</p>${run}`;
}

// `phase`: a prefill pool shows its prompt rate and TTFT, a decode pool its output rate and TPOT, a
// colocated deployment both and its end-to-end rate.
function serveSummary(e: ServeEstimate, phase: "prefill" | "decode" | "both"): string {
  if (!e.feasible) return errorBox(`Does not fit: ${e.reason}`);
  const parts = [`${escapeHtml(describeDeployment(e.deployment))}`];
  if (phase !== "decode") parts.push(`${termLink("ttft", "TTFT")} ${formatNumber(e.ttft_ms)} ms`, `prefill ${formatNumber(e.prefill_tokens_per_s_per_chip)} tokens/s per chip`);
  if (phase !== "prefill") {
    parts.push(`${formatNumber(e.batch_per_chip, 1)} sequences per chip`, `${termLink("tpot", "TPOT")} ${formatNumber(e.tpot_ms, 1)} ms`,
               `decode ${formatNumber(e.decode_tokens_per_s_per_chip)} tokens/s per chip`);
  }
  if (phase === "both") parts.push(`end to end ${formatNumber(e.output_tokens_per_s_per_chip)} output tokens/s per chip`);
  const bandKey = phase === "prefill" ? "prefill_tokens_per_s_per_chip" : phase === "decode" ? "decode_tokens_per_s_per_chip"
    : "output_tokens_per_s_per_chip";
  if (e.band) parts.push(`band ${formatNumber(e.band.slow[bandKey])} to ${formatNumber(e.band.fast[bandKey])} tokens/s per chip`);
  parts.push(`${energyText(e.joules_per_token, e.joules_per_token_it, "J", 2)} per token` +
             (e.usd_per_million_tokens === null ? "" : `, $${formatNumber(e.usd_per_million_tokens, 3)} per million`));
  return `<p class="figures">${parts.join(" · ")}</p>`;
}

export async function renderPerformance(root: HTMLElement, route: Route): Promise<void> {
  let models: ModelSummary[];
  let systems: SystemSummary[];
  try {
    [models, systems] = await Promise.all([get<ModelSummary[]>("models"), get<SystemSummary[]>("systems")]);
  } catch (error) {
    root.innerHTML = errorBox(error);
    return;
  }
  const mode = route.params.get("mode") === "serve" ? "serve" : "train";
  const defaults = mode === "train" ? trainDefaults : serveDefaults;
  const value = (key: string) => route.params.get(key) ?? defaults[key] ?? "";
  const search = route.params.get("search") !== "0";
  const balanced = route.params.get("balanced_routing") === "1";
  const specific = mode === "train"
    ? `${field("seq_len", "Sequence", value("seq_len"), 7)} ${field("global_batch", "Global batch", value("global_batch"), 7)}
       <label>Precision <select name="precision">${options(["bf16", "fp8"], value("precision"))}</select></label>
       ${field("tokens", "Tokens", value("tokens"), 8)}`
    : `${field("input_len", "Input", value("input_len"), 6)} ${field("output_len", "Output", value("output_len"), 6)}
       <label>Precision <select name="precision">${options(["bf16", "fp8", "int8", "int4"], value("precision"))}</select></label>
       ${field("tpot_ms", "TPOT ≤ ms", value("tpot_ms"), 5)}
       <label title="every expert gets exactly its share of tokens, as profiling runs simulate"><input type="checkbox"
         name="balanced_routing"${balanced ? " checked" : ""}> balanced routing</label>`;
  root.innerHTML = `
    <h2>Train / serve</h2>
    <p class="note"><a href="#/performance?mode=train"${mode === "train" ? ' class="active"' : ""}>Training</a> ·
      <a href="#/performance?mode=serve"${mode === "serve" ? ' class="active"' : ""}>Serving</a> — estimates of chipgap's
      ${mode === "train" ? "training model (docs/training.md)" : "serving model (docs/inference.md)"}, from the catalog and cited
      chip-family efficiencies.</p>
    <form id="perf-form" class="filters">
      <label>Model <select name="model">${options(models.map((m) => m.name), value("model"))}</select></label>
      <label>System <select name="system">${options(systems.map((s) => s.name), value("system"))}</select></label>
      ${field("count", "Chips", value("count"), 6)} ${specific}
      <label><input type="checkbox" name="search"${search ? " checked" : ""}> search</label>
      <button type="submit">Estimate</button>
    </form>
    <p class="note" id="perf-figures"></p>
    <div id="perf-result"></div>
    <div id="perf-chart" class="chart short"></div>`;
  const form = root.querySelector<HTMLFormElement>("#perf-form")!;
  const result = root.querySelector<HTMLElement>("#perf-result")!;
  const chartElement = root.querySelector<HTMLElement>("#perf-chart")!;

  const run = async () => {
    const data = new FormData(form);
    const params: Record<string, string> = { mode };
    for (const [key, v] of data.entries()) params[key] = String(v);
    params.search = data.get("search") ? "1" : "0";
    if (mode === "serve") params.balanced_routing = data.get("balanced_routing") ? "1" : "0";
    setParams(params);
    const body: Record<string, unknown> = { model: params.model, system: params.system, count: Number(params.count), search: params.search === "1" };
    if (mode === "train") {
      Object.assign(body, { seq_len: Number(params.seq_len), global_batch: Number(params.global_batch), precision: params.precision });
      if (params.tokens) body.tokens = Number(params.tokens);
    } else {
      Object.assign(body, { input_len: Number(params.input_len), output_len: Number(params.output_len), precision: params.precision });
      if (params.tpot_ms) body.tpot_ms = Number(params.tpot_ms);
      if (params.balanced_routing === "1") body.balanced_routing = true;
    }
    const system = systems.find((s) => s.name === params.system);
    root.querySelector("#perf-figures")!.innerHTML = system
      ? `Figures and their sources: ${systemLink(system.name)}, built from ${formatNumber(system.chip_count)} × ${chipLink(system.chip)}.` : "";
    result.innerHTML = "<p>Estimating…</p>";
    chart(chartElement).clear();
    try {
      if (mode === "train") {
        const answer = await post<TrainAnswer>("train", body);
        const plans = answer.plans ?? [answer as TrainEstimate];
        if (!plans.length) {
          result.innerHTML = errorBox("No plan fits in memory.");
          root.dataset.plans = "0";
          return;
        }
        const head = answer.plans ? `<p class="note">${formatNumber(answer.plans_evaluated)} plans evaluated in ${formatNumber((answer.search_seconds ?? 0) * 1e3, 1)} ms</p>` : "";
        result.innerHTML = `${head}${trainSummary(plans[0])}
          <table><thead><tr><th>#</th><th>Plan</th><th class="num">Step s</th><th class="num">Tokens/s/chip</th><th class="num">${termLink("mfu", "MFU")}</th><th class="num">Memory GB</th></tr></thead>
          <tbody>${plans.map((p, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(describePlan(p.plan))}</td><td class="num">${formatNumber(p.step_time_s, 2)}</td>
            <td class="num">${formatNumber(p.tokens_per_s_per_chip)}</td><td class="num">${formatNumber(100 * p.mfu, 1)}%</td>
            <td class="num">${formatNumber(p.memory_per_chip_gb, 1)}</td></tr>`).join("")}</tbody></table>`;
        root.dataset.plans = String(plans.length);
        drawTrainBreakdown(chartElement, plans[0]);
      } else {
        const answer = await post<ServeAnswer>("infer", body);
        if (answer.colocated !== undefined) {
          const d = answer.disaggregated;
          result.innerHTML = (d
            ? `<p class="figures">Disaggregated: <strong>${formatNumber(d.output_tokens_per_s_per_chip)} output tokens/s per chip</strong> with
               ${formatNumber(d.prefill_chips_per_decode_chip, 2)} prefill chips per decode chip</p>
               <p>Prefill pool:</p>${serveSummary(d.prefill, "prefill")}<p>Decode pool:</p>${serveSummary(d.decode, "decode")}`
            : errorBox("No disaggregated deployment meets the targets.")) +
            `<table><thead><tr><th>Colocated (continuous batching)</th><th class="num">Batch/chip</th><th class="num">${termLink("tpot", "TPOT")} ms</th><th class="num">Out tok/s/chip</th></tr></thead>
            <tbody>${answer.colocated.map((e) => `<tr><td>${escapeHtml(describeDeployment(e.deployment))}</td><td class="num">${formatNumber(e.batch_per_chip, 1)}</td>
              <td class="num">${formatNumber(e.tpot_ms, 1)}</td><td class="num">${formatNumber(e.output_tokens_per_s_per_chip)}</td></tr>`).join("")}</tbody></table>`;
          root.dataset.plans = String(answer.colocated.length + (d ? 1 : 0));
          if (d) drawDecodeBreakdown(chartElement, d.decode);
        } else {
          result.innerHTML = serveSummary(answer as ServeEstimate, "both");
          root.dataset.plans = "1";
          if (answer.feasible) drawDecodeBreakdown(chartElement, answer as ServeEstimate);
        }
      }
    } catch (error) {
      result.innerHTML = errorBox(error);
      root.dataset.plans = "0";
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  await run();
}
