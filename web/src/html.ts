// SPDX-License-Identifier: Apache-2.0
// Small DOM helpers: text is always escaped.

export function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined) return "–";
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

export function errorBox(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `<p class="error" role="alert">${escapeHtml(message)}</p>`;
}

export function badge(authorization: string): string {
  return `<span class="badge ${escapeHtml(authorization)}">${escapeHtml(authorization)}</span>`;
}
