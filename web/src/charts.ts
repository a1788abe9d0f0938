// SPDX-License-Identifier: Apache-2.0
// ECharts, bundled (no network at run time), with only the parts the dashboard draws. The SVG renderer
// is there for the SVG export (export.ts); the pages draw on canvas.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { label } from "./names";

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
             VisualMapComponent, CanvasRenderer, SVGRenderer]);

export const authorizationColors: Record<string, string> = {
  license: "#c0392b",
  nac: "#e67e22",
  aca: "#d4ac0d",
  none: "#27ae60",
  undetermined: "#7f8c8d",
};

// A chip's standing as authorization plus review policy: a licence under presumption of denial and one
// reviewed case by case are different answers, so they get different colours.
export const standingColors: Record<string, string> = {
  "license:presumption_of_denial": "#7b1010",
  "license:case_by_case": "#e74c3c",
  "license:presumption_of_approval": "#f1948a",
  license: "#6c3483",
  nac: "#e67e22",
  aca: "#d4ac0d",
  none: "#27ae60",
  undetermined: "#7f8c8d",
};

export function standingKey(authorization: string, policy: string | null | undefined): string {
  return authorization === "license" && policy ? `license:${policy}` : authorization;
}

export function standingLabel(key: string): string {
  const [authorization, policy] = key.split(":");
  if (authorization === "license") return policy ? `licence, ${label(policy)}` : "licence (policy varies or unstated)";
  return label(authorization);
}

export function chart(element: HTMLElement): echarts.ECharts {
  echarts.getInstanceByDom(element)?.dispose();
  return echarts.init(element, undefined, { renderer: "canvas" });
}

export { echarts };
