// SPDX-License-Identifier: Apache-2.0
// Small DOM helpers: text is always escaped.
import { label } from "./names";

export function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined) return "–";
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

export function errorBox(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  // The API's suggestions for an unknown name (ApiError.suggestions), as the CLI words them.
  const suggestions = (error as { suggestions?: string[] })?.suggestions ?? [];
  if (suggestions.length > 0 && !message.includes("did you mean")) {
    message += `; did you mean ${suggestions.map((s) => `'${s}'`).join(", ")}?`;
  }
  return `<p class="error" role="alert">${escapeHtml(message)}</p>`;
}

// The class and data-value keep the API's id; the reader sees its label ("licence", "no licence").
export function badge(authorization: string): string {
  return `<span class="badge ${escapeHtml(authorization)}" data-value="${escapeHtml(authorization)}">${escapeHtml(label(authorization))}</span>`;
}
