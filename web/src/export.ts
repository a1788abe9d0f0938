// SPDX-License-Identifier: Apache-2.0
// Export buttons: CSV and JSON beside every table, PNG and SVG beside every chart. They are added by
// watching the page (see main.ts), so a table a page redraws after a form submit gets its buttons too
// and no page can forget them. Tables are also wrapped so that they scroll sideways on a phone.
import { echarts } from "./charts";

function download(name: string, type: string, content: string | Blob): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns; keep the URL a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Decoded here rather than with fetch(): the server's Content-Security-Policy need not allow data: fetches.
function dataUrlBlob(url: string): Blob {
  const [head, data] = url.split(",", 2);
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5).split(";")[0] });
}

function cellText(cell: HTMLTableCellElement, raw: boolean): string {
  // data-value holds the id behind a translated label; JSON keeps ids, CSV what the reader saw.
  if (raw && cell.dataset.value !== undefined) return cell.dataset.value;
  return (cell.textContent ?? "").replace(/\s+/g, " ").trim();
}

function rows(table: HTMLTableElement, raw: boolean): { header: string[]; body: string[][] } {
  const expand = (tr: HTMLTableRowElement) =>
    [...tr.cells].flatMap((cell) => [cellText(cell, raw), ...Array<string>(Math.max(0, cell.colSpan - 1)).fill("")]);
  const head = table.tHead?.rows[0];
  const header = head ? expand(head) : [];
  const body = [...table.tBodies].flatMap((b) => [...b.rows]).map(expand);
  return { header, body };
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableCsv(table: HTMLTableElement): string {
  const { header, body } = rows(table, false);
  return [header, ...body].filter((r) => r.length).map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

export function tableJson(table: HTMLTableElement): string {
  const { header, body } = rows(table, true);
  // Rows as objects keyed by the column headers; an empty header (a row label column) becomes "row".
  const keys = header.map((h, i) => h || (i === 0 ? "row" : `column ${i + 1}`));
  const objects = body.map((r) => Object.fromEntries(r.map((v, i) => [keys[i] ?? `column ${i + 1}`, v])));
  return JSON.stringify(objects, null, 2) + "\n";
}

function svgString(element: HTMLElement, instance: echarts.ECharts): string {
  // The canvas chart cannot give vector output, so its option is drawn again by an offscreen SVG renderer.
  const off = echarts.init(null, undefined, { renderer: "svg", ssr: true, width: element.clientWidth || 800, height: element.clientHeight || 500 });
  off.setOption({ ...instance.getOption(), animation: false });
  const svg = off.renderToSVGString();
  off.dispose();
  return svg;
}

function button(label: string, kind: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.className = `export-${kind}`;
  b.addEventListener("click", onClick);
  return b;
}

function toolbar(...buttons: HTMLButtonElement[]): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "exports";
  bar.append(...buttons);
  return bar;
}

function baseName(root: HTMLElement, element: HTMLElement, index: number): string {
  const page = root.dataset.page ?? "page";
  return `chipgap-${page}-${element.id || element.closest("[id]:not(#page)")?.id || String(index + 1)}`;
}

// Adds what is missing: wrappers and buttons for new tables, buttons for new charts.
export function enhance(root: HTMLElement): void {
  root.querySelectorAll<HTMLTableElement>("table").forEach((table, i) => {
    if (table.dataset.exports) return;
    table.dataset.exports = "1";
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    table.replaceWith(wrap);
    wrap.append(table);
    const name = baseName(root, table, i);
    wrap.before(toolbar(
      button("CSV", "csv", () => download(`${name}.csv`, "text/csv", tableCsv(table))),
      button("JSON", "json", () => download(`${name}.json`, "application/json", tableJson(table))),
    ));
  });
  root.querySelectorAll<HTMLElement>(".chart").forEach((element, i) => {
    if (element.dataset.exports) return;
    element.dataset.exports = "1";
    const name = baseName(root, element, i);
    const instance = () => {
      const chart = echarts.getInstanceByDom(element);
      return chart && (chart.getOption() as { series?: unknown[] })?.series?.length ? chart : null;
    };
    element.before(toolbar(
      button("PNG", "png", () => {
        const chart = instance();
        if (chart) download(`${name}.png`, "image/png", dataUrlBlob(chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" })));
      }),
      button("SVG", "svg", () => {
        const chart = instance();
        if (chart) download(`${name}.svg`, "image/svg+xml", svgString(element, chart));
      }),
    ));
  });
}
