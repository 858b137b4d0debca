// Prints sizeof/offsetof of the llama.cpp structs mirrored in ReasoningServer.Native,
// as C# constants ready to paste into AbiTests.cs (region "Expected layout").
//
// Regenerate (needs the llama.cpp sources matching @node-llama-cpp/linux-x64@3.22.1,
// i.e. ggml-org/llama.cpp release v0.5.0 as built by node-llama-cpp):
//
//   gcc -std=c11 -I<llama.cpp>/include -I<llama.cpp>/ggml/include
//       tests/ReasoningServer.Engine.Tests/Native/abi/print-layout.c -o /tmp/print-layout
//   /tmp/print-layout
//
// Only headers are needed; nothing is linked against libllama.
#include <stddef.h>
#include <stdio.h>
#include "llama.h"

#define SIZE(T, name) printf("    public const int %s_sizeof = %zu;\n", name, sizeof(T))
#define OFF(T, name, f) printf("    public const int %s_%s = %zu;\n", name, #f, offsetof(T, f))
// Nested members (a.b) get an identifier-safe label.
#define OFF_NESTED(T, name, f, label) printf("    public const int %s_%s = %zu;\n", name, label, offsetof(T, f))

int main(void) {
    SIZE(struct llama_model_params, "model_params");
    OFF(struct llama_model_params, "model_params", devices);
    OFF(struct llama_model_params, "model_params", tensor_buft_overrides);
    OFF(struct llama_model_params, "model_params", n_gpu_layers);
    OFF(struct llama_model_params, "model_params", split_mode);
    OFF(struct llama_model_params, "model_params", load_mode);
    OFF(struct llama_model_params, "model_params", lazy_mode);
    OFF(struct llama_model_params, "model_params", main_gpu);
    OFF(struct llama_model_params, "model_params", tensor_split);
    OFF(struct llama_model_params, "model_params", progress_callback);
    OFF(struct llama_model_params, "model_params", progress_callback_user_data);
    OFF(struct llama_model_params, "model_params", kv_overrides);
    OFF(struct llama_model_params, "model_params", vocab_only);
    OFF(struct llama_model_params, "model_params", check_tensors);
    OFF(struct llama_model_params, "model_params", use_extra_bufts);
    OFF(struct llama_model_params, "model_params", no_host);
    OFF(struct llama_model_params, "model_params", no_alloc);
    OFF(struct llama_model_params, "model_params", load_mtp);

    SIZE(struct llama_context_params, "context_params");
    OFF(struct llama_context_params, "context_params", n_ctx);
    OFF(struct llama_context_params, "context_params", n_batch);
    OFF(struct llama_context_params, "context_params", n_ubatch);
    OFF(struct llama_context_params, "context_params", n_seq_max);
    OFF(struct llama_context_params, "context_params", n_rs_seq);
    OFF(struct llama_context_params, "context_params", n_outputs_max);
    OFF(struct llama_context_params, "context_params", n_outputs_max_per_seq);
    OFF(struct llama_context_params, "context_params", n_threads);
    OFF(struct llama_context_params, "context_params", n_threads_batch);
    OFF(struct llama_context_params, "context_params", ctx_type);
    OFF(struct llama_context_params, "context_params", rope_scaling_type);
    OFF(struct llama_context_params, "context_params", pooling_type);
    OFF(struct llama_context_params, "context_params", attention_type);
    OFF(struct llama_context_params, "context_params", flash_attn_type);
    OFF(struct llama_context_params, "context_params", rope_freq_base);
    OFF(struct llama_context_params, "context_params", rope_freq_scale);
    OFF(struct llama_context_params, "context_params", yarn_ext_factor);
    OFF(struct llama_context_params, "context_params", yarn_attn_factor);
    OFF(struct llama_context_params, "context_params", yarn_beta_fast);
    OFF(struct llama_context_params, "context_params", yarn_beta_slow);
    OFF(struct llama_context_params, "context_params", yarn_orig_ctx);
    OFF(struct llama_context_params, "context_params", defrag_thold);
    OFF(struct llama_context_params, "context_params", cb_eval);
    OFF(struct llama_context_params, "context_params", cb_eval_user_data);
    OFF(struct llama_context_params, "context_params", type_k);
    OFF(struct llama_context_params, "context_params", type_v);
    OFF(struct llama_context_params, "context_params", abort_callback);
    OFF(struct llama_context_params, "context_params", abort_callback_data);
    OFF(struct llama_context_params, "context_params", embeddings);
    OFF(struct llama_context_params, "context_params", offload_kqv);
    OFF(struct llama_context_params, "context_params", no_perf);
    OFF(struct llama_context_params, "context_params", op_offload);
    OFF(struct llama_context_params, "context_params", swa_full);
    OFF(struct llama_context_params, "context_params", kv_unified);
    OFF(struct llama_context_params, "context_params", samplers);
    OFF(struct llama_context_params, "context_params", n_samplers);
    OFF(struct llama_context_params, "context_params", ctx_other);

    SIZE(struct llama_batch, "batch");
    OFF(struct llama_batch, "batch", n_tokens);
    OFF(struct llama_batch, "batch", token);
    OFF(struct llama_batch, "batch", embd);
    OFF(struct llama_batch, "batch", pos);
    OFF(struct llama_batch, "batch", n_seq_id);
    OFF(struct llama_batch, "batch", seq_id);
    OFF(struct llama_batch, "batch", logits);

    SIZE(struct llama_token_data, "token_data");
    OFF(struct llama_token_data, "token_data", id);
    OFF(struct llama_token_data, "token_data", logit);
    OFF(struct llama_token_data, "token_data", p);

    SIZE(struct llama_token_data_array, "token_data_array");
    OFF(struct llama_token_data_array, "token_data_array", data);
    OFF(struct llama_token_data_array, "token_data_array", size);
    OFF(struct llama_token_data_array, "token_data_array", selected);
    OFF(struct llama_token_data_array, "token_data_array", sorted);

    SIZE(struct llama_logit_bias, "logit_bias");
    OFF(struct llama_logit_bias, "logit_bias", token);
    OFF(struct llama_logit_bias, "logit_bias", bias);

    SIZE(struct llama_chat_message, "chat_message");
    OFF(struct llama_chat_message, "chat_message", role);
    OFF(struct llama_chat_message, "chat_message", content);

    SIZE(struct llama_sampler_chain_params, "sampler_chain_params");
    OFF(struct llama_sampler_chain_params, "sampler_chain_params", no_perf);

    SIZE(struct llama_perf_context_data, "perf_context_data");
    OFF(struct llama_perf_context_data, "perf_context_data", t_start_ms);
    OFF(struct llama_perf_context_data, "perf_context_data", t_load_ms);
    OFF(struct llama_perf_context_data, "perf_context_data", t_p_eval_ms);
    OFF(struct llama_perf_context_data, "perf_context_data", t_eval_ms);
    OFF(struct llama_perf_context_data, "perf_context_data", n_p_eval);
    OFF(struct llama_perf_context_data, "perf_context_data", n_eval);
    OFF(struct llama_perf_context_data, "perf_context_data", n_reused);

    SIZE(struct llama_opt_params, "opt_params");
    OFF(struct llama_opt_params, "opt_params", n_ctx_train);
    OFF(struct llama_opt_params, "opt_params", param_filter);
    OFF(struct llama_opt_params, "opt_params", param_filter_ud);
    OFF(struct llama_opt_params, "opt_params", get_opt_pars);
    OFF(struct llama_opt_params, "opt_params", get_opt_pars_ud);
    OFF(struct llama_opt_params, "opt_params", optimizer_type);

    SIZE(struct ggml_opt_optimizer_params, "optimizer_params");
    OFF_NESTED(struct ggml_opt_optimizer_params, "optimizer_params", adamw.alpha, "adamw_alpha");
    OFF_NESTED(struct ggml_opt_optimizer_params, "optimizer_params", adamw.beta1, "adamw_beta1");
    OFF_NESTED(struct ggml_opt_optimizer_params, "optimizer_params", adamw.beta2, "adamw_beta2");
    OFF_NESTED(struct ggml_opt_optimizer_params, "optimizer_params", adamw.eps, "adamw_eps");
    OFF_NESTED(struct ggml_opt_optimizer_params, "optimizer_params", adamw.wd, "adamw_wd");
    OFF_NESTED(struct ggml_opt_optimizer_params, "optimizer_params", sgd.alpha, "sgd_alpha");
    OFF_NESTED(struct ggml_opt_optimizer_params, "optimizer_params", sgd.wd, "sgd_wd");
    return 0;
}
