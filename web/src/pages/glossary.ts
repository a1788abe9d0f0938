// SPDX-License-Identifier: Apache-2.0
// The glossary: every term the dashboard uses, with an anchor per term that the pages link to.
import { terms } from "../glossary";
import { escapeHtml } from "../html";
import { Route } from "../url_state";

export async function renderGlossary(root: HTMLElement, route: Route): Promise<void> {
  const wanted = route.params.get("term");
  root.innerHTML = `
    <h2>Glossary</h2>
    <dl class="glossary">${terms
      .map((t) => `<dt id="term-${escapeHtml(t.id)}"${t.id === wanted ? ' class="wanted"' : ""}>${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.definition)}</dd>`)
      .join("")}</dl>`;
  // The route lives in the hash, so the browser cannot scroll to the term by itself.
  if (wanted) root.querySelector(`#term-${CSS.escape(wanted)}`)?.scrollIntoView();
  root.dataset.terms = String(terms.length);
}
