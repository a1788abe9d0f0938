// SPDX-License-Identifier: Apache-2.0
// Thin wrappers over chipgap's HTTP API v1; errors carry the API's {error: {kind, message, where}}.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly where: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

async function parse<T>(response: Response): Promise<T> {
  const body = await response.json();
  if (!response.ok) {
    const e = body.error ?? {};
    throw new ApiError(response.status, e.kind ?? "error", e.message ?? response.statusText, e.where ?? "", e.suggestions ?? []);
  }
  return body as T;
}

export async function get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const suffix = query.toString() ? `?${query}` : "";
  return parse<T>(await fetch(`api/v1/${path}${suffix}`));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(`api/v1/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));
}

export interface ChipSummary {
  name: string;
  vendor: string;
  country: string;
  year: number;
  status: string;
  datacenter: boolean;
  dense_tflops: Record<string, number | null>;
  memory_gb: number | null;
  memory_bandwidth_gbs: number | null;
  scale_up_bandwidth_gbs: number | null;
  tdp_w: number | null;
  metrics: { tpp: number | null; performance_density: number | null; io_bandwidth_gbs: number | null; tpp_lower_bound: boolean };
}

export interface Metrics {
  tpp: number | null;
  performance_density: number | null;
  dram_bandwidth_gbs: number | null;
  io_bandwidth_gbs: number | null;
}

export interface Verdict {
  chip: string;
  destination: string;
  destination_name: string;
  date: string;
  end_user_hq: string | null;
  metrics: Metrics & { datacenter: boolean };
  eccn: string | null;
  authorization: string;
  license_required: boolean | null;
  review_policy: string | null;
  conditions: { id: string; text: string; rule: string; citation: string }[];
  clauses: { rule: string; clause: string; role: string; text: string; citation: string }[];
  margins: { rule: string; clause: string; metric: string; value: number; threshold: number; margin: number; text: string }[];
  import_measures: { id: string; title: string; date: string; effect: string; evidence: string; summary: string }[];
  indeterminate: boolean;
  indeterminate_reasons: string[];
  determination: "decided" | "undetermined";
  missing_inputs: string[];
  possible_outcomes: { status: string; eccn: string | null; authorization: string; review_policy: string | null; conditions: string[]; when: string[] }[];
  outcomes_enumerated: boolean;
  rule_book_reviewed_through: string | null;
  warnings: string[];
  rules_in_force: string[];
  status: string;
}

export interface ChipVerdict {
  chip: string;
  vendor: string;
  country: string;
  datacenter: boolean;
  metrics: Metrics;
  eccn: string | null;
  authorization: string;
  review_policy: string | null;
  status: string;
}

export interface RuleSummary {
  id: string;
  title: string;
  kind: string;
  status: string;
  effective: string;
  compliance: string | null;
  not_enforced_from: string | null;
  citation: string;
}

export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  metric?: string;
  ge?: number;
  gt?: number;
  le?: number;
  lt?: number;
  [key: string]: unknown;
}

export interface RuleDocument extends Omit<RuleSummary, "effective"> {
  effective: string | { value: string };
  classification: { clause: string; eccn: string; text: string; when: Condition }[];
  licensing: { clause: string; text: string; when: Condition; authorization: string; review_policy: string | null }[];
  conditions?: { id: string; text: string; when: Condition | null }[];
  exclusions?: { clause: string; text: string; when: Condition }[];
  sources?: { id: string; title: string; url: string }[];
}

export interface TimelineEntry {
  date: string;
  changes: string[];
  verdict: Verdict;
}
