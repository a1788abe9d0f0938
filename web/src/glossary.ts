// SPDX-License-Identifier: Apache-2.0
// The terms the dashboard uses, defined once; pages link a term to its definition with termLink.
// Definitions say what a term means, never a threshold's value: those come from the rules via the API.
import { escapeHtml } from "./html";

export interface Term {
  id: string;
  term: string;
  definition: string;
}

export const terms: Term[] = [
  { id: "tpp", term: "TPP (total processing performance)",
    definition: "The export-control measure of a chip's compute: for each precision the chip supports, dense operations per second (in tera-operations, counting a multiply-accumulate as two) times the bit length of the operands; TPP is the largest of these. Sparse rates do not count." },
  { id: "performance-density", term: "Performance density",
    definition: "TPP divided by the applicable die area in mm² (the sum of the logic dies). It separates large datacenter dies from small dense ones; a chip whose die area is not known has no density, which can leave its verdict undetermined." },
  { id: "bandwidth", term: "DRAM and I/O bandwidth",
    definition: "Memory bandwidth is the chip's total DRAM (HBM or GDDR) bandwidth; I/O bandwidth is the sum of its chip-to-chip and host links. Later rules and letters test these alongside TPP." },
  { id: "eccn", term: "ECCN 3A090",
    definition: "The Export Control Classification Number for advanced computing integrated circuits in the US Commerce Control List; 3A090.a and 3A090.b are tiers set by TPP and performance density, 3A090.c covers high-bandwidth memory." },
  { id: "license", term: "Licence",
    definition: "An export needs a licence from the US Bureau of Industry and Security (BIS) before it ships. How the application is judged is its review policy." },
  { id: "presumption-of-approval", term: "Presumption of approval",
    definition: "A review policy: licence applications are expected to be granted unless there is a specific reason to refuse." },
  { id: "case-by-case", term: "Case-by-case",
    definition: "A review policy: each licence application is judged on its own facts, often under conditions the rule sets." },
  { id: "presumption-of-denial", term: "Presumption of denial",
    definition: "A review policy: licence applications are expected to be refused; in practice very few are granted." },
  { id: "nac", term: "NAC (Notified Advanced Computing)",
    definition: "A licence exception: the item may ship without a licence after the exporter notifies BIS in advance and BIS does not object within the notice period." },
  { id: "aca", term: "ACA (Advanced Computing Authorized)",
    definition: "A licence exception for destinations of lower concern: the item may ship without a licence and without prior notification." },
  { id: "undetermined", term: "Undetermined",
    definition: "The verdict depends on a figure the catalog does not have (often die area, hence performance density); the dashboard lists what it would be for each range of the unknown figure." },
  { id: "import-measures", term: "Destination-side measures",
    definition: "What the destination itself does about the chip: inspections, permits to move it on (Malaysia's transit permit), guidance discouraging purchases, or restrictions on use, with the strength of the evidence for each." },
  { id: "h100e", term: "H100-equivalent (H100e)",
    definition: "Compute expressed as the number of NVIDIA H100 SXM chips that would give the same amount, on the chosen basis (peak dense rate, or throughput on a training or serving workload)." },
  { id: "ttft", term: "TTFT (time to first token)",
    definition: "In serving, the time from a request's arrival to its first output token: mostly the prefill of the prompt." },
  { id: "tpot", term: "TPOT (time per output token)",
    definition: "In serving, the time between successive output tokens of one request during decoding; its inverse is the speed one user sees." },
  { id: "mfu", term: "MFU (model FLOPs utilization)",
    definition: "The model's useful floating-point operations per second divided by the chips' peak dense rate at the training precision; recomputation does not count as useful." },
  { id: "confidence", term: "Confidence",
    definition: "How a catalog figure is known: official (a regulator or the vendor's own document), reported (press or a third party quoting the vendor), or estimate (derived by chipgap; the derivation says how)." },
];

export function termHref(id: string): string {
  return `#/glossary?term=${encodeURIComponent(id)}`;
}

// The text linked to its definition; the text is what the page would have said anyway.
export function termLink(id: string, text: string): string {
  return `<a class="term" href="${termHref(id)}" title="What is this?">${escapeHtml(text)}</a>`;
}

// Review policies link to their own entries.
export function policyTermId(policy: string): string {
  return policy.replace(/_/g, "-");
}
