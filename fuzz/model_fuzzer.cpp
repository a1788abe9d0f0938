// SPDX-License-Identifier: Apache-2.0
// catalog::parse_model_file: a user's own model architecture (`--model-file`). A model that loads goes
// through the arithmetic every training and inference estimate starts from.
#include "chipgap/catalog/catalog.hpp"
#include "chipgap/perf/model_math.hpp"
#include "fuzz_input.hpp"

using namespace chipgap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto model = catalog::parse_model_file({"model.yaml", std::string(fuzz::text_of(data, size))});
  if (!model) {
    (void)to_string(model.errors());
    return 0;
  }
  (void)perf::count_parameters(*model);
  (void)perf::layer_widths(*model);
  (void)perf::forward_flops_per_token(*model, 4096);
  return 0;
}
