// SPDX-License-Identifier: Apache-2.0
// Human-readable labels for the ids the API answers with (review policies, authorizations, metrics,
// import effects). Ids stay in data attributes and JSON exports; only the text shown is translated.
// An id missing from a table is prettified rather than shown raw, so a new id never leaks snake_case.

const labels: Record<string, string> = {
  // review policies
  presumption_of_denial: "presumption of denial",
  presumption_of_approval: "presumption of approval",
  case_by_case: "case-by-case",
  // authorizations
  license: "licence",
  nac: "NAC",
  aca: "ACA",
  none: "no licence",
  undetermined: "undetermined",
  // metrics a rule tests
  tpp: "TPP",
  performance_density: "performance density",
  dram_bandwidth: "DRAM bandwidth",
  dram_bandwidth_gbs: "DRAM bandwidth",
  io_bandwidth: "I/O bandwidth",
  io_bandwidth_gbs: "I/O bandwidth",
  dram_plus_io_bandwidth: "DRAM + I/O bandwidth",
  memory_bandwidth_density: "memory bandwidth density",
  // design knobs
  compute_share: "compute share",
  memory_bandwidth_share: "memory bandwidth share",
  memory_capacity_share: "memory capacity share",
  scale_up_share: "scale-up share",
};

// Units of the metrics, for thresholds shown as text.
const units: Record<string, string> = {
  dram_bandwidth: "GB/s",
  io_bandwidth: "GB/s",
  dram_plus_io_bandwidth: "GB/s",
  memory_bandwidth_density: "GB/s per mm²",
};

export function prettify(id: string): string {
  return id.replace(/[_]+/g, " ").replace(/\s+/g, " ").trim();
}

export function label(id: string | null | undefined): string {
  if (!id) return "";
  return labels[id] ?? prettify(id);
}

export const policyLabel = label;
export const metricLabel = label;

export function metricUnit(id: string): string {
  return units[id] ?? "";
}

// A status string as the engine words it ("3A090.a; license (case_by_case); conditions: ...") with its
// embedded ids translated.
export function statusText(status: string): string {
  return status.replace(/\b(presumption_of_denial|presumption_of_approval|case_by_case)\b/g, (id) => label(id));
}

// Authorization and review policy as one phrase: "licence, presumption of denial".
export function authorizationText(authorization: string, policy: string | null | undefined): string {
  return policy ? `${label(authorization)}, ${label(policy)}` : label(authorization);
}

// A calendar year: never with a thousands separator.
export function yearText(year: number | string | null | undefined): string {
  return year === null || year === undefined ? "–" : String(year);
}
