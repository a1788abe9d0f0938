// SPDX-License-Identifier: Apache-2.0
// ECharts, bundled (no network at run time), with only the parts the dashboard draws.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
             VisualMapComponent, CanvasRenderer]);

export const authorizationColors: Record<string, string> = {
  license: "#c0392b",
  nac: "#e67e22",
  aca: "#d4ac0d",
  none: "#27ae60",
  undetermined: "#7f8c8d",
};

export function chart(element: HTMLElement): echarts.ECharts {
  echarts.getInstanceByDom(element)?.dispose();
  return echarts.init(element, undefined, { renderer: "canvas" });
}

export { echarts };
