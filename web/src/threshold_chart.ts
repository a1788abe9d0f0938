// SPDX-License-Identifier: Apache-2.0
// The thresholds chart's option: chips by TPP against performance density, and a strip on the left, on
// the same TPP axis, for the chips whose die area (so density) is unknown, so that every chip with a TPP
// is placed. Colours are the chip's standing: authorization and review policy.
import { standingColors, standingKey, standingLabel } from "./charts";
import { escapeHtml, formatNumber } from "./html";
import { statusText } from "./names";

export interface ChipPoint {
  chip: string;
  tpp: number;
  density: number | null;
  authorization: string;
  policy: string | null;
  status: string;
}

type Datum = [number, number, string, string];

// Decade bounds of a log axis that hold every value given.
function decades(values: number[]): { min: number; max: number } {
  const positive = values.filter((v) => v > 0);
  return { min: 10 ** Math.floor(Math.log10(Math.min(...positive))), max: 10 ** Math.ceil(Math.log10(Math.max(...positive))) };
}

// A fixed horizontal place in the strip per chip, so points of equal TPP do not hide each other.
function jitter(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 1000;
  return 0.15 + 0.7 * (h / 1000);
}

export function thresholdOption(points: ChipPoint[], drawn: { metric: string; value: number; clauses: string[] }[], width: number, labels: boolean): Record<string, unknown> {
  const tppLines = drawn.filter((l) => l.metric === "tpp");
  const densityLines = drawn.filter((l) => l.metric === "performance_density");
  const y = decades([...points.map((p) => p.tpp), ...tppLines.map((l) => l.value)]);
  const x = decades([...points.flatMap((p) => (p.density ? [p.density] : [])), ...densityLines.map((l) => l.value), 1]);
  const strip = Math.round(Math.min(110, Math.max(50, width * 0.1)));
  const keys = Object.keys(standingColors).filter((k) => points.some((p) => standingKey(p.authorization, p.policy) === k));
  const datum = (p: ChipPoint, xValue: number): Datum => [xValue, p.tpp, p.chip, p.status];
  const label = { show: labels, formatter: (q: { data: Datum }) => q.data[2], position: "right", fontSize: 9, color: "#333" };
  const lineName = (l: { metric: string; value: number; clauses: string[] }) =>
    `${l.metric === "tpp" ? "TPP" : "density"} ${formatNumber(l.value, 2)}: ${l.clauses.join(", ")}`;
  const markLine = (data: object[], showLabel: boolean) => ({
    silent: true, symbol: "none", lineStyle: { color: "#555", type: "dashed" },
    label: { show: showLabel, formatter: "{b}", fontSize: 9, position: "insideEndTop" }, data,
  });
  const series: object[] = keys.flatMap((key) => {
    const mine = points.filter((p) => standingKey(p.authorization, p.policy) === key);
    const common = { name: standingLabel(key), type: "scatter", itemStyle: { color: standingColors[key] }, label, labelLayout: { hideOverlap: true } };
    return [
      { ...common, xAxisIndex: 1, yAxisIndex: 1, data: mine.filter((p) => p.density).map((p) => datum(p, p.density!)) },
      { ...common, xAxisIndex: 0, yAxisIndex: 0, data: mine.filter((p) => !p.density).map((p) => datum(p, jitter(p.chip))) },
    ];
  });
  series.push(
    { id: "criteria-main", type: "line", data: [], xAxisIndex: 1, yAxisIndex: 1,
      // Line labels would cover the points on a phone; the criteria table below names every line.
      markLine: markLine([...tppLines.map((l) => ({ yAxis: l.value, name: lineName(l) })), ...densityLines.map((l) => ({ xAxis: l.value, name: lineName(l) }))], width >= 600) },
    { id: "criteria-strip", type: "line", data: [], xAxisIndex: 0, yAxisIndex: 0, markLine: markLine(tppLines.map((l) => ({ yAxis: l.value, name: lineName(l) })), false) },
  );
  const logY = { type: "log", min: y.min, max: y.max };
  return {
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: (p: { data: Datum; seriesName: string; componentIndex: number; dataIndex: number }) => {
        const point = points.find((q) => q.chip === p.data[2]);
        return `<strong>${escapeHtml(p.data[2])}</strong><br>TPP ${formatNumber(p.data[1])}, density ${point?.density ? formatNumber(point.density, 2) : "unknown (no die area)"}<br>${
          escapeHtml(p.seriesName)}<br><small>${escapeHtml(statusText(p.data[3]))}</small>`;
      },
    },
    legend: { data: keys.map(standingLabel), top: 0, type: "scroll" },
    grid: [
      { left: 60, width: strip, top: 50, bottom: 50 },
      { left: 60 + strip + 40, right: 30, top: 50, bottom: 50 },
    ],
    xAxis: [
      { type: "value", gridIndex: 0, min: 0, max: 1, axisLabel: { show: false }, axisTick: { show: false }, splitLine: { show: false },
        name: "no die area", nameLocation: "middle", nameGap: 12 },
      { type: "log", gridIndex: 1, min: x.min, max: x.max, name: "performance density (TPP / mm²)", nameLocation: "middle", nameGap: 30 },
    ],
    yAxis: [
      { ...logY, gridIndex: 0, name: "TPP" },
      { ...logY, gridIndex: 1, axisLabel: { show: false } },
    ],
    series,
  };
}
