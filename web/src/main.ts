// SPDX-License-Identifier: Apache-2.0
// The dashboard: a hash router over the pages. Everything it shows comes from the chipgap API.
import "./style.css";
import { renderChips } from "./pages/chips";
import { renderClassify } from "./pages/classify";
import { renderCompare } from "./pages/compare";
import { renderEquivalence } from "./pages/equivalence";
import { renderGap } from "./pages/gap";
import { renderScenarios } from "./pages/scenarios";
import { renderPerformance } from "./pages/performance";
import { renderPolicy } from "./pages/policy";
import { renderThresholds } from "./pages/thresholds";
import { renderTimeline } from "./pages/timeline";
import { currentRoute, Route } from "./url_state";

const pages: Record<string, (root: HTMLElement, route: Route) => Promise<void>> = {
  chips: renderChips,
  thresholds: renderThresholds,
  classify: renderClassify,
  timeline: renderTimeline,
  compare: renderCompare,
  gap: renderGap,
  equivalence: renderEquivalence,
  scenarios: renderScenarios,
  policy: renderPolicy,
  performance: renderPerformance,
};

async function show(): Promise<void> {
  const route = currentRoute();
  const root = document.getElementById("page")!;
  const render = pages[route.page] ?? renderChips;
  document.querySelectorAll<HTMLAnchorElement>("nav a").forEach((a) => a.classList.toggle("active", a.dataset.page === route.page));
  root.dataset.page = route.page;
  root.dataset.ready = "false";
  await render(root, route);
  root.dataset.ready = "true";
}

window.addEventListener("hashchange", () => void show());
void show();
