// SPDX-License-Identifier: Apache-2.0
// Classify a catalog chip or a pasted spec for a destination, date and end-user headquarters.
import { ChipSummary, get, post, Verdict } from "../api";
import { errorBox, escapeHtml } from "../html";
import { Route, setParams, today } from "../url_state";
import { ruleDocuments } from "../rules";
import { verdictHtml } from "../verdict_view";

const exampleSpec = `{
  "name": "My Accelerator",
  "vendor": "Example",
  "datacenter": true,
  "die_area": "600 mm2",
  "dense": {"fp16": "300 TFLOP/s", "int8": "600 TOP/s"},
  "memory": {"bandwidth": "2000 GB/s"},
  "io_bandwidth": "600 GB/s"
}`;

export async function renderClassify(root: HTMLElement, route: Route): Promise<void> {
  const p = route.params;
  let chips: ChipSummary[] = [];
  try {
    chips = await get<ChipSummary[]>("chips");
  } catch (error) {
    root.innerHTML = errorBox(error);
    return;
  }
  const usingSpec = p.has("spec");
  root.innerHTML = `
    <h2>Classify</h2>
    <form id="classify-form" class="filters">
      <label><input type="radio" name="mode" value="chip" ${usingSpec ? "" : "checked"}> Catalog chip
        <input name="chip" list="chip-names" value="${escapeHtml(p.get("chip") ?? "H20")}"></label>
      <datalist id="chip-names">${chips.map((c) => `<option value="${escapeHtml(c.name)}">`).join("")}</datalist>
      <label><input type="radio" name="mode" value="spec" ${usingSpec ? "checked" : ""}> Your own spec (JSON)</label>
      <label>Destination <input name="to" value="${escapeHtml(p.get("to") ?? "CN")}" size="6"></label>
      <label>Date <input name="date" type="date" value="${escapeHtml(p.get("date") ?? today())}"></label>
      <label>End user HQ <input name="hq" value="${escapeHtml(p.get("hq") ?? "")}" size="6" placeholder="optional"></label>
      <button type="submit">Classify</button>
      <textarea name="spec" rows="9" cols="60" spellcheck="false">${escapeHtml(p.get("spec") ?? exampleSpec)}</textarea>
    </form>
    <div id="verdict"></div>`;
  const form = root.querySelector<HTMLFormElement>("#classify-form")!;
  const out = root.querySelector<HTMLElement>("#verdict")!;
  const run = async () => {
    const data = new FormData(form);
    const mode = String(data.get("mode"));
    const to = String(data.get("to") ?? "");
    const date = String(data.get("date") ?? "");
    const hq = String(data.get("hq") ?? "");
    const request: Record<string, unknown> = { to, date };
    if (hq) request.hq = hq;
    try {
      if (mode === "spec") {
        request.spec = JSON.parse(String(data.get("spec")));
        setParams({ spec: String(data.get("spec")), chip: undefined, to, date, hq });
      } else {
        request.chip = String(data.get("chip"));
        setParams({ chip: String(data.get("chip")), spec: undefined, to, date, hq });
      }
      const verdict = await post<Verdict>("classify", request);
      // The rules it cites, for their sources beside each clause.
      const rules = await ruleDocuments([...verdict.clauses, ...verdict.margins, ...verdict.conditions].map((c) => c.rule));
      out.innerHTML = verdictHtml(verdict, rules);
    } catch (error) {
      out.innerHTML = errorBox(error instanceof SyntaxError ? `The spec is not valid JSON: ${error.message}` : error);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  await run();
}
