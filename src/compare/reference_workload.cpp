// SPDX-License-Identifier: Apache-2.0
#include "chipgap/compare/reference_workload.hpp"

#include <algorithm>
#include <iterator>

namespace chipgap::compare {
namespace {

template <typename Enum, std::size_t N>
Enum word(const std::string& text, const std::string_view (&names)[N]) {
  const auto* found = std::find(std::begin(names), std::end(names), text);
  return static_cast<Enum>(found == std::end(names) ? 0 : found - std::begin(names));
}

}  // namespace

TrainingWorkload training_workload_of(const spec::ReferenceWorkload& w, const catalog::Catalog& catalog) {
  TrainingWorkload out;
  out.model = catalog.find_model(w.model.value);
  if (w.tokens) out.tokens = w.tokens->value;
  if (w.seq_len) out.seq_len = w.seq_len->value;
  if (w.global_batch) out.global_batch = w.global_batch->value;
  out.precision = word<perf::TrainPrecision>(w.precision.value, spec::kTrainPrecisionNames);
  return out;
}

ServingWorkload serving_workload_of(const spec::ReferenceWorkload& w, const catalog::Catalog& catalog) {
  ServingWorkload out;
  out.model = catalog.find_model(w.model.value);
  if (w.input_len) out.requests.input_len = static_cast<double>(w.input_len->value);
  if (w.output_len) out.requests.output_len = static_cast<double>(w.output_len->value);
  if (w.ttft_ms) out.requests.ttft_s = w.ttft_ms->value / 1e3;
  if (w.tpot_ms) out.requests.tpot_s = w.tpot_ms->value / 1e3;
  out.base.precision = word<perf::WeightPrecision>(w.precision.value, spec::kWeightPrecisionNames);
  if (w.kv_precision) out.base.kv_precision = word<perf::KvPrecision>(w.kv_precision->value, spec::kKvPrecisionNames);
  return out;
}

}  // namespace chipgap::compare
