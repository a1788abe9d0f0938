// SPDX-License-Identifier: Apache-2.0
// What a plan needs before it can run: degrees that fit the model and the cluster, and memory per chip.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "chipgap/perf/training_model.hpp"
#include "training_internal.hpp"

namespace chipgap::perf {
namespace {

// Runtime context, communication buffers and allocator fragmentation, per chip.
constexpr double kReservedBytes = 3e9;
constexpr double kFragmentation = 0.05;
// Megatron keeps FP32 gradients (main_grad) and FP32 master weights plus Adam's two moments.
// (FP32 master weights 4 + two moments 4 each; 4 + 2 + 2 with BF16 moments.)
constexpr double kWeightBytes = 2, kGradientBytes = 4, kOptimizerBytes = 12, kOptimizerBytesBf16Moments = 8;

std::string count_text(std::int64_t n) { return fmt::format("{}", n); }

}  // namespace

std::string gigabytes_text(double bytes) { return fmt::format("{:.1f}", bytes / 1e9); }

std::string describe(const TrainingPlan& p) {
  std::string text = fmt::format("TP {} · PP {} · DP {}", p.tp, p.pp, p.dp);
  if (p.cp > 1) text += fmt::format(" · CP {}", p.cp);
  if (p.ep > 1) text += fmt::format(" · EP {}", p.ep);
  if (p.vp > 1) text += fmt::format(" · VP {}", p.vp);
  text += fmt::format(" · mbs {} · GBS {} · seq {} · {} · recompute {}", p.micro_batch, p.global_batch, p.seq_len,
                      kTrainPrecisionNames[static_cast<int>(p.precision)], kRecomputeNames[static_cast<int>(p.recompute)]);
  if (p.sequence_parallel && p.tp > 1) text += " · SP";
  text += fmt::format(" · ZeRO-{}", p.zero);
  if (p.schedule == Schedule::DualPipe) text += " · DualPipe";
  return text;
}

std::int64_t default_global_batch(std::int64_t seq_len) {
  const double sequences = 4.0 * 1024 * 1024 / static_cast<double>(std::max<std::int64_t>(1, seq_len));
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::exp2(std::round(std::log2(sequences)))));
}

TrainingModel::StageShare TrainingModel::stage_share(const TrainingPlan& plan) const {
  StageShare s;
  const double t = static_cast<double>(plan.tp);
  // Multi-token-prediction modules are one more block each, and one more pass through the output
  // layer, on the last stage (DeepSeek-V3 §2.2).
  const double mtp = static_cast<double>(model_->mtp_depth);
  s.output_heads = 1 + mtp;
  s.layers = std::ceil((static_cast<double>(model_->layers) + mtp) / static_cast<double>(plan.pp));
  s.moe_layers = std::min(s.layers, moe_layers_ + (model_->moe ? mtp : 0));
  s.dense_layers = s.layers - s.moe_layers;
  const double embedding = static_cast<double>(model_->vocab) * static_cast<double>(model_->hidden);
  s.dense_params = (s.layers * attn_params_ + s.dense_layers * dense_mlp_params_ +
                    s.moe_layers * (shared_params_ + router_params_) + embedding) / t;
  if (model_->moe) {
    s.expert_params = s.moe_layers * static_cast<double>(model_->moe->experts) * expert_params_ /
                      (static_cast<double>(plan.ep) * t);
  }
  return s;
}

MemoryBreakdown TrainingModel::memory(const TrainingPlan& plan) const {
  const StageShare share = stage_share(plan);
  const double dense_group = static_cast<double>(plan.dp * plan.cp);
  const double expert_group = dense_group / static_cast<double>(plan.ep);
  auto sharded = [&](bool shard, double bytes_per_param) {
    return bytes_per_param * (shard ? share.dense_params / dense_group + share.expert_params / expert_group
                                    : share.dense_params + share.expert_params);
  };
  // DualPipe keeps two copies of the weights (and their gradients) for its two directions.
  const double copies = plan.schedule == Schedule::DualPipe ? 2 : 1;
  MemoryBreakdown mem;
  // FSDP2's FP32 shard doubles as the optimizer's master weights: no BF16 copy persists.
  mem.weights = plan.zero >= 3 && plan.fp32_sharded_weights ? 0 : copies * sharded(plan.zero >= 3, kWeightBytes);
  mem.gradients = copies * sharded(plan.zero >= 2, kGradientBytes);
  mem.optimizer = sharded(plan.zero >= 1, plan.bf16_optimizer_moments ? kOptimizerBytesBf16Moments : kOptimizerBytes);

  // Activations kept for the backward pass, per token and layer, in bytes (Korthikanti et al. 2022, §4,
  // generalized to GQA/MLA widths, gated MLPs and experts). GEMM inputs are kept in the GEMM's precision
  // (FP8 runs keep their FP8 copies); norm inputs, attention inputs and activation-function inputs in BF16.
  const spec::ModelArch& m = *model_;
  const double t = static_cast<double>(plan.tp);
  const double h = static_cast<double>(m.hidden);
  const double s = static_cast<double>(plan.seq_len);
  const double tokens = static_cast<double>(plan.micro_batch) * s / static_cast<double>(plan.cp);
  const double heads = static_cast<double>(m.heads);
  const double g = plan.precision == TrainPrecision::Fp8 ? 1 : kActivationBytes;
  const double a = kActivationBytes;
  const double sp = plan.sequence_parallel ? t : 1;
  // Selective recomputation drops what is cheap to rebuild: with unfused attention the score matrix
  // (Korthikanti's choice); with fused attention the norm inputs, activation-function outputs and MLA's
  // expanded queries, keys and values (Megatron-core's layernorm / moe_act / mla_up_proj modules).
  const bool selective = plan.recompute == Recompute::Selective;
  const bool cheap_dropped = selective && plan.flash_attention;
  // Norm inputs, the attention and MLP block inputs, two dropout masks: replicated across TP ranks
  // unless sequence parallelism splits them.
  const double replicated = ((cheap_dropped ? 0 : 2 * h * a) + 2 * h * g + 2 * h) / sp;
  double attention = g * widths_.q_width / t;  // the output projection's input
  if (cheap_dropped && m.mla) {
    attention += a * static_cast<double>(m.mla->q_lora_rank + m.mla->kv_lora_rank + m.mla->qk_rope_dim) / t;
  } else {
    attention += a * (heads * qk_dim_ + kv_width_) / t;  // queries, keys, values
  }
  if (!plan.flash_attention && !selective) attention += 5 * heads * s / t;  // scores, softmax, dropout mask
  const double f = static_cast<double>(m.ffn_hidden);
  // Activation-function inputs: BF16, or FP8 where the run caches them so.
  const double act_in = plan.fp8_activation_cache && plan.precision == TrainPrecision::Fp8 ? 1 : a;
  const double plain_mlp = (act_in * widths_.ffn_width + (cheap_dropped ? 0 : g * f)) / t;
  double moe_mlp = 0;
  if (m.moe) {
    const double k = static_cast<double>(m.moe->top_k);
    const double fe = static_cast<double>(m.moe->expert_ffn_hidden);
    const double experts = k + static_cast<double>(m.moe->shared_experts);
    moe_mlp = (experts * (act_in * widths_.expert_width + (cheap_dropped ? 0 : g * fe)) + k * h * g) / t;
  }
  double per_layer_dense = tokens * (replicated + attention + plain_mlp);
  double per_layer_moe = tokens * (replicated + attention + moe_mlp);
  double working = 0;
  if (plan.recompute == Recompute::Full) {
    // Only each layer's input is kept; one layer's activations are rebuilt at a time.
    working = std::max(share.dense_layers > 0 ? per_layer_dense : 0, share.moe_layers > 0 ? per_layer_moe : 0);
    per_layer_dense = per_layer_moe = tokens * a * h / sp;
  }
  const double p = static_cast<double>(plan.pp);
  const double v = static_cast<double>(plan.vp);
  const double micro_batches = static_cast<double>(plan.global_batch / (plan.dp * plan.micro_batch));
  double in_flight = std::min(p, micro_batches);
  if (plan.schedule == Schedule::DualPipe) in_flight = std::min(p + 1, micro_batches);
  else if (plan.vp > 1) in_flight *= 1 + (p - 1) / (p * v);
  mem.activations = in_flight * (share.dense_layers * per_layer_dense + share.moe_layers * per_layer_moe) + working;
  // Logits on the last stage: a fused vocabulary-parallel cross-entropy keeps BF16 logits and writes
  // their gradient in place, with one FP32 row block of working space.
  mem.activations += share.output_heads * tokens * static_cast<double>(m.vocab) / t * a;
  mem.reserved = kReservedBytes + kFragmentation * (mem.weights + mem.gradients + mem.optimizer + mem.activations);
  return mem;
}

std::string TrainingModel::problem(const TrainingPlan& p, bool in_words) const {
  // Without words, any non-empty string marks a problem (short enough to need no allocation).
  auto fail = [in_words](std::string_view format, auto&&... args) -> std::string {
    return in_words ? fmt::vformat(format, fmt::make_format_args(args...)) : std::string("!");
  };
  const spec::ModelArch& m = *model_;
  for (auto [name, value] : {std::pair{"TP", p.tp}, {"PP", p.pp}, {"DP", p.dp}, {"CP", p.cp}, {"EP", p.ep},
                             {"VP", p.vp}, {"micro-batch", p.micro_batch}, {"global batch", p.global_batch},
                             {"sequence length", p.seq_len}}) {
    if (value < 1) return fail("{} must be at least 1, not {}", name, value);
  }
  // Bounds before any product, so that TP x PP x DP x CP cannot overflow whatever a caller passes.
  for (auto [name, value] : {std::pair{"TP", p.tp}, {"PP", p.pp}, {"DP", p.dp}, {"CP", p.cp}, {"EP", p.ep}}) {
    if (value > cluster_->chips) return fail("{} {} is more than the cluster's {} chips", name, value, count_text(cluster_->chips));
  }
  if (p.vp > m.layers) return fail("VP {} is more than the model's {} layers", p.vp, m.layers);
  if (p.global_batch > kMaxGlobalBatch) return fail("global batch {} is more than {} sequences", p.global_batch, kMaxGlobalBatch);
  if (p.seq_len > kMaxSeqLen) return fail("sequence length {} is more than {} tokens", p.seq_len, kMaxSeqLen);
  if (p.micro_batch > p.global_batch / p.dp) {
    return fail("DP {} x micro-batch {} is more than the global batch {}", p.dp, p.micro_batch, p.global_batch);
  }
  if (p.tp * p.pp > cluster_->chips || p.tp * p.pp * p.cp > cluster_->chips) {
    return fail("TP {} x PP {} x CP {} is more than the cluster's {} chips", p.tp, p.pp, p.cp, count_text(cluster_->chips));
  }
  if (p.chips() != cluster_->chips) {
    return fail("TP {} x PP {} x DP {} x CP {} = {} chips, but the cluster has {}", p.tp, p.pp, p.dp, p.cp,
                       count_text(p.chips()), count_text(cluster_->chips));
  }
  if (m.heads % p.tp != 0) return fail("TP {} does not divide the model's {} attention heads", p.tp, m.heads);
  if (m.kv_heads % p.tp != 0 && p.tp % m.kv_heads != 0) {
    return fail("TP {} and the model's {} key-value heads do not divide one another", p.tp, m.kv_heads);
  }
  if (m.ffn_hidden % p.tp != 0) return fail("TP {} does not divide the MLP width {}", p.tp, m.ffn_hidden);
  if (p.pp * p.vp > m.layers) {
    return fail("PP {} x VP {} asks for more pipeline chunks than the model's {} layers", p.pp, p.vp, m.layers);
  }
  if (p.seq_len % p.cp != 0) return fail("CP {} does not divide the sequence length {}", p.cp, p.seq_len);
  if (m.max_seq_len && p.seq_len > *m.max_seq_len) {
    return fail("sequence length {} exceeds the model's context of {}", p.seq_len, *m.max_seq_len);
  }
  if (p.global_batch % (p.dp * p.micro_batch) != 0) {
    return fail("global batch {} is not a multiple of DP {} x micro-batch {}", p.global_batch, p.dp, p.micro_batch);
  }
  const std::int64_t micro_batches = p.global_batch / (p.dp * p.micro_batch);
  if (p.vp > 1 && p.pp == 1) return fail("VP > 1 (interleaving) needs pipeline parallelism");
  if (p.fp32_sharded_weights && p.zero < 3) return fail("FP32-only sharded weights (FSDP2) need ZeRO-3, not ZeRO-{}", p.zero);
  if (p.balanced_routing && !m.moe) return fail("balanced routing needs a mixture-of-experts model; {} is dense", m.name);
  if (p.vp > 1 && micro_batches % p.pp != 0) {
    return fail("interleaving needs the {} micro-batches per replica to be a multiple of PP {}", micro_batches, p.pp);
  }
  if (p.ep > 1) {
    if (!m.moe) return fail("EP {} needs a mixture-of-experts model; {} is dense", p.ep, m.name);
    if (m.moe->experts % p.ep != 0) return fail("EP {} does not divide the {} experts", p.ep, m.moe->experts);
    if ((p.dp * p.cp) % p.ep != 0) return fail("EP {} does not divide DP {} x CP {}", p.ep, p.dp, p.cp);
  }
  if (m.moe && m.moe->expert_ffn_hidden % p.tp != 0) {
    return fail("TP {} does not divide the expert MLP width {}", p.tp, m.moe->expert_ffn_hidden);
  }
  if (p.schedule == Schedule::DualPipe && (p.pp < 2 || p.pp % 2 != 0 || micro_batches < p.pp)) {
    return fail("DualPipe needs an even PP of at least 2 and at least PP micro-batches (PP {}, {} micro-batches)",
                       p.pp, micro_batches);
  }
  if (p.zero < 0 || p.zero > 3) return fail("ZeRO stage must be 0 to 3, not {}", p.zero);
  if (p.precision == TrainPrecision::Fp8 && cluster_->peak_fp8 <= 0) {
    return fail("{} has no FP8 rate in the catalog; train in bf16", cluster_->chip->name);
  }
  return {};
}

}  // namespace chipgap::perf
