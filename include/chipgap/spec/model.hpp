// SPDX-License-Identifier: Apache-2.0
// Transformer model architectures as plain data (docs/models.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgap/spec/accelerator.hpp"
#include "chipgap/spec/sourced.hpp"

namespace chipgap::spec {

enum class FfnKind { Gelu, Swiglu, Relu2 };
inline constexpr std::string_view kFfnNames[] = {"gelu", "swiglu", "relu2"};
enum class AttentionKind { Mha, Gqa, Mla };
inline constexpr std::string_view kAttentionNames[] = {"mha", "gqa", "mla"};

// DeepSeek's multi-head latent attention: queries and keys/values pass through low-rank latents.
struct MlaDims {
  std::int64_t q_lora_rank = 0;  // 0: queries projected directly
  std::int64_t kv_lora_rank = 0;
  std::int64_t qk_rope_dim = 0;
  std::int64_t qk_nope_dim = 0;
  std::int64_t v_head_dim = 0;
};

struct MoeSpec {
  std::int64_t experts = 0;  // routed experts per MoE layer
  std::int64_t top_k = 0;
  std::int64_t shared_experts = 0;
  std::int64_t expert_ffn_hidden = 0;
  std::int64_t dense_layers = 0;  // leading layers with the dense MLP
  std::int64_t node_limit = 0;    // routing sends each token to at most this many nodes (0: no limit)
};

struct ModelArch {
  std::string name;
  std::vector<std::string> aliases;
  std::int64_t layers = 0;
  std::int64_t hidden = 0;
  std::int64_t heads = 0;
  std::int64_t kv_heads = 0;
  std::int64_t head_dim = 0;
  std::int64_t ffn_hidden = 0;
  FfnKind ffn = FfnKind::Gelu;
  std::int64_t vocab = 0;
  std::optional<std::int64_t> max_seq_len;
  bool tied_embeddings = false;
  AttentionKind attention = AttentionKind::Mha;
  std::optional<MlaDims> mla;
  std::optional<MoeSpec> moe;
  std::int64_t mtp_depth = 0;

  Provenance provenance;  // for every number of the model
  std::vector<std::string> notes;
  std::vector<Source> sources;
  DefinedAt defined_at;
};

}  // namespace chipgap::spec
