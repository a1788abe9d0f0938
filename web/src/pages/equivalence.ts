// SPDX-License-Identifier: Apache-2.0
// Equivalence: how many candidate chips match a reference cluster (POST /api/v1/match), with both plans,
// power, energy and cost side by side. The form state lives in the URL, so an answer can be shared.
import { post } from "../api";
import { chart } from "../charts";
import { termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink, systemLink } from "../links";
import { Route, setParams } from "../url_state";

interface Side {
  chip: string;
  system: string | null;
  count: number;
  feasible: boolean;
  reason?: string;
  days?: number;
  days_band?: { fast: number | null; slow: number | null };
  output_tokens_per_s?: number;
  deployment?: string;
  power_kw: number | null;
  it_power_kw: number | null;
  energy_mwh: number | null;
  cost_usd: number | null;
  bound?: string;
  plan?: Record<string, unknown>;
}

interface MatchAnswer {
  reference: Side;
  candidate: Side;
  matched: boolean;
  reason?: string;
  count_ratio: number | null;
  power_ratio: number | null;
  equal_count_speed?: number | null;
  demand_output_tokens_per_s?: number;
}

const defaults: Record<string, string> = {
  reference: "HGX H100", reference_count: "16384", candidate: "CloudMatrix 384", model: "llama3-405b", serve: "",
};

function planText(p: Record<string, unknown> | undefined): string {
  if (!p) return "";
  const parts = [`TP ${p.tp}`, `PP ${p.pp}`, `DP ${p.dp}`];
  for (const key of ["cp", "ep", "vp"]) if (Number(p[key]) > 1) parts.push(`${key.toUpperCase()} ${p[key]}`);
  return parts.join(" · ");
}

function sideRow(label: string, s: Side, serving: boolean): string {
  const name = `${formatNumber(s.count)} × ${chipLink(s.chip)}${s.system ? ` (${systemLink(s.system)})` : ""}`;
  if (!s.feasible) return `<tr><th>${label}</th><td>${name}</td><td colspan="5">${escapeHtml(s.reason ?? "")}</td></tr>`;
  const result = serving
    ? `${formatNumber(s.output_tokens_per_s)} output tokens/s; ${escapeHtml(s.deployment ?? "")}`
    : `${formatNumber(s.days, 1)} days${s.days_band?.fast && s.days_band?.slow ? ` (band ${formatNumber(s.days_band.fast, 1)}-${formatNumber(s.days_band.slow, 1)})` : ""}`;
  return `<tr><th>${label}</th><td>${name}</td><td>${result}</td><td class="num">${formatNumber(s.power_kw)}</td><td class="num">${formatNumber(
    s.it_power_kw,
  )}</td><td class="num">${s.cost_usd === null ? "–" : "$" + formatNumber(s.cost_usd)}</td><td>${escapeHtml(planText(s.plan))}${
    s.bound ? `; most of the step: ${escapeHtml(s.bound)}` : ""
  }</td></tr>`;
}

export async function renderEquivalence(root: HTMLElement, route: Route): Promise<void> {
  const value = (key: string) => route.params.get(key) ?? defaults[key];
  root.innerHTML = `
    <h2>Equivalence</h2>
    <form id="match-form" class="filters">
      <label>Reference <input name="reference" value="${escapeHtml(value("reference"))}"></label>
      <label>Chips <input name="reference_count" size="8" value="${escapeHtml(value("reference_count"))}"></label>
      <label>Candidate <input name="candidate" value="${escapeHtml(value("candidate"))}"></label>
      <label>Model <input name="model" size="12" value="${escapeHtml(value("model"))}"></label>
      <label><input type="checkbox" name="serve"${value("serve") === "1" ? " checked" : ""}> serving (${termLink("tpot", "TPOT")} ≤ 50 ms, FP8 weights)</label>
      <button type="submit">Match</button>
    </form>
    <p class="note">The smallest candidate cluster that trains the model no slower (or serves what the reference serves), as
    <code>chipgap match</code>; training runs 15.6T tokens at sequence 8,192 and a global batch of 2,048 (Llama 3 405B's run as Meta ran it) whatever the model.</p>
    <div id="match-result"></div>
    <div id="match-chart" class="chart short"></div>`;
  const form = root.querySelector<HTMLFormElement>("#match-form")!;
  const run = async () => {
    const data = new FormData(form);
    const serve = data.get("serve") !== null;
    const body: Record<string, unknown> = {
      reference: String(data.get("reference")),
      reference_count: Number(data.get("reference_count")),
      candidate: String(data.get("candidate")),
      model: String(data.get("model") || "llama3-405b"),
    };
    if (serve) Object.assign(body, { serve: true, precision: "fp8", tpot_ms: 50 });
    setParams({ reference: String(body.reference), reference_count: String(body.reference_count), candidate: String(body.candidate),
                model: String(body.model), serve: serve ? "1" : undefined });
    const result = root.querySelector("#match-result")!;
    result.innerHTML = `<p class="note">Searching plans…</p>`;
    let m: MatchAnswer;
    try {
      m = await post<MatchAnswer>("match", body);
    } catch (error) {
      result.innerHTML = errorBox(error);
      chart(root.querySelector<HTMLElement>("#match-chart")!).clear();
      root.dataset.matched = "error";
      return;
    }
    const headline = m.matched
      ? `<p class="answer"><strong>${formatNumber(m.count_ratio, 2)}</strong> ${chipLink(m.candidate.chip)} per ${chipLink(m.reference.chip)}${
          m.power_ratio ? `, ${formatNumber(m.power_ratio, 2)} times the power at chip TDP` : ""
        }${m.equal_count_speed ? `; at equal count the candidate runs at ${formatNumber(m.equal_count_speed, 2)} of the reference's speed` : ""}</p>`
      : `<p class="warning">No match: ${escapeHtml(m.reason ?? "")}</p>`;
    result.innerHTML = `${headline}<table><thead><tr><th></th><th>Cluster</th><th>${serve ? "Serves" : "Run"}</th><th class="num">kW at chip TDP</th><th class="num">IT kW</th><th class="num">Cost</th><th>Plan</th></tr></thead><tbody>${sideRow(
      "Reference",
      m.reference,
      serve,
    )}${sideRow(m.matched ? "Candidate" : "Closest", m.candidate, serve)}</tbody></table>`;
    const sides = [m.reference, m.candidate].filter((s) => s.feasible);
    chart(root.querySelector<HTMLElement>("#match-chart")!).setOption({
      animation: false,
      tooltip: {},
      legend: { top: 0, data: ["Chips", "kW at chip TDP"] },
      grid: { left: 80, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: sides.map((s) => s.system ?? s.chip) },
      yAxis: { type: "value", name: "as a share of the reference" },
      series: [
        { name: "Chips", type: "bar", data: sides.map((s) => s.count / m.reference.count) },
        { name: "kW at chip TDP", type: "bar", data: sides.map((s) => (s.power_kw && m.reference.power_kw ? s.power_kw / m.reference.power_kw : null)) },
      ],
    });
    root.dataset.matched = String(m.matched);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  await run();
}
