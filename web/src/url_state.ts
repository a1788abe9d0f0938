// SPDX-License-Identifier: Apache-2.0
// Page state lives in the URL hash (#/page?key=value), so every view can be linked to and reloaded.

export interface Route {
  page: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [page, query] = hash.split("?", 2);
  return { page: page || "chips", params: new URLSearchParams(query ?? "") };
}

// Replaces the current page's parameters without adding a history entry for every keystroke.
export function setParams(values: Record<string, string | undefined>): void {
  const route = currentRoute();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === "") route.params.delete(key);
    else route.params.set(key, value);
  }
  const query = route.params.toString();
  history.replaceState(null, "", `#/${route.page}${query ? `?${query}` : ""}`);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
