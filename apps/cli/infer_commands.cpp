// SPDX-License-Identifier: Apache-2.0
// `chipgap infer`: serving a model on a deployment, or a search over deployments.
#include <fmt/format.h>

#include "chipgap/codec/perf_json.hpp"
#include "chipgap/common/number_format.hpp"
#include "chipgap/perf/bands.hpp"
#include "chipgap/perf/serving.hpp"
#include "commands.hpp"
#include "perf_setup.hpp"
#include "table.hpp"

namespace chipgap::cli {
namespace {

std::string deployment_text(const perf::Deployment& d) {
  std::string text = fmt::format("{} chips: TP {} · DP {}", d.chips(), d.tp, d.dp);
  if (d.ep > 1) text += fmt::format(" · EP {}", d.ep);
  text += fmt::format(" · {}", perf::kWeightPrecisionNames[static_cast<int>(d.precision)]);
  if (d.kv_precision == perf::KvPrecision::Fp8) text += " · FP8 KV";
  if (d.fp8_attention) text += " · FP8 attention";
  if (d.mtp > 0) text += fmt::format(" · MTP {} ({:.0f}% accepted)", d.mtp, 100 * d.mtp_accept);
  if (d.two_batch_overlap) text += " · two-batch overlap";
  if (d.attention_core_share > 0) text += fmt::format(" (attention on {:.0f}% of the units)", 100 * d.attention_core_share);
  if (d.balanced_routing) text += " · balanced routing";
  return text;
}

// " (band 1,200 to 1,900)": a throughput at the slow and the fast ends of the efficiency ranges.
std::string band_text(double slow, double fast) {
  return fmt::format(" (band {} to {})", format_number(slow, 0), format_number(fast, 0));
}

std::string estimate_text(const perf::ServingEstimate& e, perf::Phase phase, const perf::ServingBand* band = nullptr) {
  std::string out = fmt::format("Deployment            {}\n", deployment_text(e.deployment));
  if (!e.feasible) return out + fmt::format("Does not fit          {}\n", e.reason);
  if (!e.meets_targets) out += "Targets               not met even at the smallest batch\n";
  out += fmt::format("{}{} sequences per instance ({} per chip)\n",
                     phase == perf::Phase::Prefill ? "Prompts per batch     " : "Batch                 ",
                     format_number(e.batch, 0), format_number(e.batch_per_chip, 1));
  if (phase != perf::Phase::Decode) {
    out += fmt::format("Prefill               {} tokens/s per chip{}; TTFT {:.0f} ms for {} prompt tokens per chip\n",
                       format_number(e.prefill.tokens_per_s_per_chip, 0),
                       band ? band_text(band->slow.prefill.tokens_per_s_per_chip, band->fast.prefill.tokens_per_s_per_chip) : "",
                       e.ttft_s * 1e3, format_number(e.prefill_tokens_per_chip, 0));
  }
  if (phase != perf::Phase::Prefill) {
    out += fmt::format("Decode                {} tokens/s per chip{}; TPOT {:.1f} ms (step {:.1f} ms, {:.2f} tokens per step)\n",
                       format_number(e.decode.tokens_per_s_per_chip, 0),
                       band ? band_text(band->slow.decode.tokens_per_s_per_chip, band->fast.decode.tokens_per_s_per_chip) : "",
                       e.tpot_s * 1e3, e.decode.step_s * 1e3, e.decode.tokens_per_step);
    const auto& b = e.decode.breakdown;
    out += fmt::format("  decode step         weights {:.1f} ms, experts {:.1f}, attention {:.1f}, other {:.1f}, "
                       "TP exposed {:.1f}, EP exposed {:.1f}, hidden {:.1f}\n",
                       b.weights * 1e3, b.experts * 1e3, b.attention * 1e3, b.other * 1e3, b.tp_exposed * 1e3,
                       b.ep_exposed * 1e3, b.comm_hidden * 1e3);
    if (b.stream_overlap != 0) {
      out += fmt::format("  partitioned streams {:+.1f} ms against running one after the other\n", b.stream_overlap * 1e3);
    }
  }
  if (phase == perf::Phase::Both) {
    out += fmt::format("End to end            {} output tokens/s per chip{}\n", format_number(e.output_tokens_per_s_per_chip, 0),
                       band ? band_text(band->slow.output_tokens_per_s_per_chip, band->fast.output_tokens_per_s_per_chip) : "");
  }
  if (band != nullptr) {
    out += "  band                every efficiency at the slow and at the fast end of its range (data/perf/efficiency.yaml)\n";
  }
  const auto& m = e.memory;
  out += fmt::format("Memory per chip       {:.1f} of {:.0f} GB: weights {:.1f}, KV cache {:.1f}, activations {:.1f}, reserved {:.1f}\n",
                     m.total() / 1e9, e.memory_capacity / 1e9, m.weights / 1e9, m.kv_cache / 1e9, m.activations / 1e9,
                     m.reserved / 1e9);
  out += fmt::format("Per {} token          ", phase == perf::Phase::Prefill ? "prompt" : "output");
  out += e.joules_per_token ? fmt::format("{:.2f} J (chips at TDP", *e.joules_per_token) : std::string("energy at chip TDP unknown (no TDP");
  out += e.joules_per_token_it ? fmt::format("; {:.2f} J at the system's power)", *e.joules_per_token_it) : std::string(")");
  if (e.usd_per_million_tokens) out += fmt::format(", ${:.3f} per million", *e.usd_per_million_tokens);
  else out += ", cost unknown (no catalog price; give --usd-per-chip-hour)";
  return out + "\n";
}

}  // namespace

std::string infer_command(const catalog::Catalog& catalog, const std::string& data_dir, const InferRequest& r,
                          Format format) {
  const auto setup = resolve_setup(catalog, data_dir, r.cluster);
  const spec::ModelArch& model = setup->model;
  const perf::Cluster& cluster = setup->cluster;
  const perf::InferenceModel serving(model, cluster);

  perf::Workload w;
  w.input_len = static_cast<double>(r.input_len);
  w.output_len = static_cast<double>(r.output_len);
  if (r.input_len < 1 || r.output_len < 1) throw CommandError("--input-len and --output-len must be at least 1", kExitUsage);
  const std::int64_t context = r.input_len + r.output_len + r.mtp;
  if (model.max_seq_len && context > *model.max_seq_len) {
    throw CommandError(fmt::format("a context of {} tokens (input {} + output {}) exceeds {}'s {}", context, r.input_len,
                                   r.output_len, model.name, *model.max_seq_len),
                       kExitUsage);
  }
  if (r.batch) {
    if (*r.batch < 1) throw CommandError("--batch must be at least 1", kExitUsage);
    w.batch = static_cast<double>(*r.batch);
  }
  if (r.ttft_ms) w.ttft_s = *r.ttft_ms / 1e3;
  if (r.tpot_ms) w.tpot_s = *r.tpot_ms / 1e3;
  if (r.prefill_tokens) w.prefill_tokens_per_chip = static_cast<double>(*r.prefill_tokens);
  if (r.context) w.context = static_cast<double>(*r.context);
  w.phase = parse_word<perf::Phase>(r.phase, perf::kPhaseNames, "--phase");
  w.batching = r.static_batching ? perf::Batching::Static : perf::Batching::Continuous;

  perf::Deployment d;
  d.precision = parse_word<perf::WeightPrecision>(r.precision, perf::kWeightPrecisionNames, "--precision");
  d.kv_precision = parse_word<perf::KvPrecision>(r.kv_precision, perf::kKvPrecisionNames, "--kv-precision");
  d.mtp = r.mtp;
  d.mtp_accept = r.mtp_accept;
  if (d.mtp > 0 && !r.mtp_accept_given) throw CommandError("--mtp needs --mtp-accept (the acceptance rate, 0 to 1)", kExitUsage);
  d.two_batch_overlap = r.two_batch_overlap;
  d.attention_core_share = r.attention_core_share;
  d.expert_imbalance = r.expert_imbalance;
  d.balanced_routing = r.balanced_routing;
  d.grouped_kv_reads = !r.ungrouped_kv_reads;
  d.fp8_attention = r.fp8_attention;
  perf::CostAssumptions cost;
  cost.usd_per_chip_hour = r.cluster.usd_per_chip_hour;
  const std::string heading = fmt::format("{} on {}, {} in / {} out tokens", model.name, cluster_label(cluster),
                                          r.input_len, r.output_len);

  if (r.search) {
    // The precision is the user's; check it once against the chip.
    perf::Deployment probe = d;
    if (std::string problem = serving.check(probe); !problem.empty()) throw CommandError(problem, kExitUsage);
    const perf::DeploymentSearchResult result = perf::search_deployments(serving, cluster.chips, d, w, r.top, cost);
    if (format == Format::Json) {
      nlohmann::json colocated = nlohmann::json::array();
      for (const auto& e : result.colocated) colocated.push_back(codec::to_json(e));
      nlohmann::json out = {{"model", model.name}, {"chip", cluster.chip->name}, {"chips", cluster.chips},
                            {"colocated", colocated}, {"deployments_evaluated", result.deployments_evaluated},
                            {"search_seconds", result.search_seconds}};
      out["disaggregated"] = result.disaggregated ? codec::to_json(*result.disaggregated) : nlohmann::json(nullptr);
      return out.dump(2) + '\n';
    }
    std::string out = heading + "\n" +
                      fmt::format("{} deployments evaluated in {:.3f} s\n\n", result.deployments_evaluated, result.search_seconds);
    if (result.disaggregated) {
      const auto& p = *result.disaggregated;
      out += fmt::format("Disaggregated: {} output tokens/s per chip with {:.2f} prefill chips per decode chip\n",
                         format_number(p.output_tokens_per_s_per_chip, 0), p.prefill_chips_per_decode_chip);
      out += "Prefill pool:\n" + estimate_text(p.prefill, perf::Phase::Prefill);
      out += "Decode pool:\n" + estimate_text(p.decode, perf::Phase::Decode) + "\n";
    } else {
      out += "No disaggregated deployment meets the targets.\n\n";
    }
    if (result.colocated.empty()) return out + "No colocated deployment meets the targets.\n";
    Table table({{"#", Align::Right}, {"Deployment"}, {"Batch/chip", Align::Right}, {"TTFT ms", Align::Right},
                 {"TPOT ms", Align::Right}, {"Out tok/s/chip", Align::Right}});
    for (std::size_t i = 0; i < result.colocated.size(); ++i) {
      const auto& e = result.colocated[i];
      table.add_row({std::to_string(i + 1), deployment_text(e.deployment), format_number(e.batch_per_chip, 1),
                     format_number(e.ttft_s * 1e3, 0), format_number(e.tpot_s * 1e3, 1),
                     format_number(e.output_tokens_per_s_per_chip, 0)});
    }
    if (format == Format::Csv) return table.to_csv();
    return out + (w.batching == perf::Batching::Static ? "Colocated, static batches (each instance prefills its whole batch, then decodes it):\n"
                                                          : "Colocated, continuous batching (prompts prefilled between decode steps):\n") +
         table.to_text();
  }

  const perf::Deployment shape = perf::default_deployment(model, cluster, r.tp, r.dp, r.ep);
  if (cluster.chips % shape.tp != 0) {
    throw CommandError(fmt::format("TP {} does not divide the {} chips", shape.tp, cluster.chips), kExitUsage);
  }
  d.tp = shape.tp;
  d.dp = shape.dp;
  d.ep = shape.ep;
  if (d.chips() != cluster.chips) {
    throw CommandError(fmt::format("TP {} x DP {} = {} chips, but the cluster has {}", d.tp, d.dp, d.chips(), cluster.chips),
                       kExitUsage);
  }
  if (std::string problem = serving.check(d); !problem.empty()) throw CommandError(problem, kExitUsage);
  const perf::ServingEstimate e = perf::serve(serving, d, w, cost);
  if (w.batch && !e.feasible) throw CommandError("the batch does not fit: " + e.reason, kExitUsage);
  const perf::ServingBand band = perf::serving_band(model, cluster, e, w, cost);
  if (format == Format::Json) {
    nlohmann::json out = codec::to_json(e);
    out["model"] = model.name;
    out["chip"] = cluster.chip->name;
    out["band"] = codec::to_json(band);
    out["validation"] = serving_coverage_note(catalog, data_dir, *setup, d.precision).json;
    return out.dump(2) + '\n';
  }
  if (format == Format::Csv) throw CommandError("infer prints CSV only with --search; use --format json", kExitUsage);
  return heading + "\n" + estimate_text(e, w.phase, e.feasible ? &band : nullptr) +
         serving_coverage_note(catalog, data_dir, *setup, d.precision).text;
}

}  // namespace chipgap::cli
