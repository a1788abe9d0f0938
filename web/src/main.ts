// SPDX-License-Identifier: Apache-2.0
// The dashboard: a hash router over the pages. Everything it shows comes from the chipgap API.
import "./style.css";
import { echarts } from "./charts";
import { enhance } from "./export";
import { loadNames } from "./links";
import { renderChip } from "./pages/chip";
import { renderChips } from "./pages/chips";
import { renderClassify } from "./pages/classify";
import { renderCompare } from "./pages/compare";
import { renderEquivalence } from "./pages/equivalence";
import { renderGap } from "./pages/gap";
import { renderGlossary } from "./pages/glossary";
import { renderHeadroom } from "./pages/headroom";
import { renderScenarios } from "./pages/scenarios";
import { renderPerformance } from "./pages/performance";
import { renderPolicy } from "./pages/policy";
import { renderSystem } from "./pages/system";
import { renderThresholds } from "./pages/thresholds";
import { renderTimeline } from "./pages/timeline";
import { currentRoute, Route } from "./url_state";

const pages: Record<string, (root: HTMLElement, route: Route) => Promise<void>> = {
  chips: renderChips,
  chip: renderChip,
  system: renderSystem,
  headroom: renderHeadroom,
  thresholds: renderThresholds,
  classify: renderClassify,
  timeline: renderTimeline,
  compare: renderCompare,
  gap: renderGap,
  equivalence: renderEquivalence,
  scenarios: renderScenarios,
  policy: renderPolicy,
  performance: renderPerformance,
  glossary: renderGlossary,
};

const root = document.getElementById("page")!;

async function show(): Promise<void> {
  const route = currentRoute();
  const render = pages[route.page] ?? renderChips;
  document.querySelectorAll<HTMLAnchorElement>("nav a").forEach((a) => a.classList.toggle("active", a.dataset.page === route.page));
  root.dataset.page = route.page;
  root.dataset.ready = "false";
  await loadNames();  // chip and system names, so every page can link a name to its page
  await render(root, route);
  root.dataset.ready = "true";
}

// Every table and chart a page draws, now or after a form submit, gets its export buttons.
new MutationObserver(() => enhance(root)).observe(root, { childList: true, subtree: true });

// Charts follow the window's width (a phone turned sideways, a resized window).
window.addEventListener("resize", () => {
  root.querySelectorAll<HTMLElement>(".chart").forEach((element) => echarts.getInstanceByDom(element)?.resize());
});

window.addEventListener("hashchange", () => void show());
void show();
