// SPDX-License-Identifier: Apache-2.0
// Training and serving estimates arrive with their engines; until then the page says so.
import { Route } from "../url_state";

export async function renderPerformance(root: HTMLElement, _route: Route): Promise<void> {
  root.innerHTML = `
    <h2>Train / serve</h2>
    <p>The training and serving models are not part of chipgap yet; this page will show their forms and
    time breakdowns when the API offers <code>/api/v1/train</code> and <code>/api/v1/infer</code>.</p>`;
}
