// SPDX-License-Identifier: Apache-2.0
// The chip table: sort by any column, filter by vendor, country and status; state in the URL.
import { ChipSummary, get } from "../api";
import { termLink } from "../glossary";
import { errorBox, escapeHtml, formatNumber } from "../html";
import { chipLink } from "../links";
import { Route, setParams } from "../url_state";

interface Column {
  key: string;
  label: string;
  value: (c: ChipSummary) => string | number | null;
  decimals?: number;
  plain?: boolean;  // a year: shown as is, never with a thousands separator
}

const columns: Column[] = [
  { key: "name", label: "Name", value: (c) => c.name },
  { key: "vendor", label: "Vendor", value: (c) => c.vendor },
  { key: "country", label: "Country", value: (c) => c.country },
  { key: "year", label: "Year", value: (c) => c.year, plain: true },
  { key: "status", label: "Status", value: (c) => c.status },
  { key: "bf16", label: "BF16 TFLOP/s", value: (c) => c.dense_tflops.bf16, decimals: 1 },
  { key: "fp8", label: "FP8 TFLOP/s", value: (c) => c.dense_tflops.fp8, decimals: 1 },
  { key: "memory", label: "Memory GB", value: (c) => c.memory_gb },
  { key: "bandwidth", label: "Mem GB/s", value: (c) => c.memory_bandwidth_gbs },
  { key: "tpp", label: "TPP", value: (c) => c.metrics.tpp },
  { key: "pd", label: "Perf. density", value: (c) => c.metrics.performance_density, decimals: 2 },
];

let cache: ChipSummary[] | null = null;

function options(values: string[], selected: string | null): string {
  return ['<option value="">all</option>']
    .concat([...new Set(values)].sort().map((v) => `<option ${v === selected ? "selected" : ""}>${escapeHtml(v)}</option>`))
    .join("");
}

export async function renderChips(root: HTMLElement, route: Route): Promise<void> {
  try {
    cache ??= await get<ChipSummary[]>("chips");
  } catch (error) {
    root.innerHTML = errorBox(error);
    return;
  }
  const chips = cache;
  const p = route.params;
  root.innerHTML = `
    <h2>Accelerators</h2>
    <form class="filters" id="chip-filters">
      <label>Vendor <select name="vendor">${options(chips.map((c) => c.vendor), p.get("vendor"))}</select></label>
      <label>Country <select name="country">${options(chips.map((c) => c.country), p.get("country"))}</select></label>
      <label>Status <select name="status">${options(chips.map((c) => c.status), p.get("status"))}</select></label>
      <label>Search <input name="q" type="search" value="${escapeHtml(p.get("q") ?? "")}" placeholder="name"></label>
    </form>
    <p class="note">Dense peak rates per chip. ${termLink("tpp", "TPP")} = max over precisions of dense TOP/s × bit length;
      ${termLink("performance-density", "density")} = TPP per mm² of die area. Click a header to sort, a name for the chip's figures and their sources.</p>
    <table id="chip-table"><thead><tr>${columns
      .map((c) => `<th data-key="${c.key}" class="${p.get("sort") === c.key ? `sorted ${p.get("dir") ?? "asc"}` : ""}">${c.label}</th>`)
      .join("")}</tr></thead><tbody></tbody></table>`;

  const form = root.querySelector<HTMLFormElement>("#chip-filters")!;
  const body = root.querySelector("tbody")!;
  const draw = () => {
    const data = new FormData(form);
    const vendor = String(data.get("vendor") ?? "");
    const country = String(data.get("country") ?? "");
    const status = String(data.get("status") ?? "");
    const q = String(data.get("q") ?? "").toLowerCase();
    const sortKey = route.params.get("sort");
    const dir = route.params.get("dir") === "desc" ? -1 : 1;
    const column = columns.find((c) => c.key === sortKey);
    let rows = chips.filter(
      (c) => (!vendor || c.vendor === vendor) && (!country || c.country === country) && (!status || c.status === status) && (!q || c.name.toLowerCase().includes(q)),
    );
    if (column) {
      rows = [...rows].sort((a, b) => {
        const x = column.value(a);
        const y = column.value(b);
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
    }
    body.innerHTML = rows
      .map(
        (c) =>
          `<tr>${columns
            .map((col) => {
              const v = col.value(c);
              if (col.key === "name") return `<td data-value="${escapeHtml(c.name)}">${chipLink(c.name)}</td>`;
              if (col.plain) return `<td class="num">${escapeHtml(v ?? "–")}</td>`;
              return typeof v === "number" ? `<td class="num">${formatNumber(v, col.decimals ?? 0)}</td>` : `<td>${escapeHtml(v ?? "–")}</td>`;
            })
            .join("")}</tr>`,
      )
      .join("");
    root.dataset.rows = String(rows.length);
    setParams({ vendor, country, status, q });
  };
  form.addEventListener("input", draw);
  root.querySelectorAll<HTMLElement>("th").forEach((th) =>
    th.addEventListener("click", () => {
      const same = route.params.get("sort") === th.dataset.key;
      const dir = same && route.params.get("dir") !== "desc" ? "desc" : "asc";
      route.params.set("sort", th.dataset.key!);
      route.params.set("dir", dir);
      setParams({ sort: th.dataset.key, dir });
      root.querySelectorAll("th").forEach((h) => (h.className = ""));
      th.className = `sorted ${dir}`;
      draw();
    }),
  );
  draw();
}
