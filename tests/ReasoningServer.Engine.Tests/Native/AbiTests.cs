using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Native;

/// <summary>
/// Checks that the C# mirrors of the llama.cpp structs have exactly the C layout. The expected numbers are the output
/// of abi/print-layout.c compiled against the llama.cpp headers the prebuilt libraries were built from (see that file
/// for how to regenerate); they are hard-coded because CI has no llama.cpp headers.
/// </summary>
[Collection(LlamaNativeCollection.Name)]
public sealed unsafe class AbiTests
{
    // Output of abi/print-layout.c (x86-64 SysV, llama.cpp as shipped in @node-llama-cpp/linux-x64@3.22.1).
    private static class Expected
    {
        public const int model_params_sizeof = 80;
        public const int model_params_devices = 0;
        public const int model_params_tensor_buft_overrides = 8;
        public const int model_params_n_gpu_layers = 16;
        public const int model_params_split_mode = 20;
        public const int model_params_load_mode = 24;
        public const int model_params_lazy_mode = 28;
        public const int model_params_main_gpu = 32;
        public const int model_params_tensor_split = 40;
        public const int model_params_progress_callback = 48;
        public const int model_params_progress_callback_user_data = 56;
        public const int model_params_kv_overrides = 64;
        public const int model_params_vocab_only = 72;
        public const int model_params_check_tensors = 73;
        public const int model_params_use_extra_bufts = 74;
        public const int model_params_no_host = 75;
        public const int model_params_no_alloc = 76;
        public const int model_params_load_mtp = 77;
        public const int context_params_sizeof = 160;
        public const int context_params_n_ctx = 0;
        public const int context_params_n_batch = 4;
        public const int context_params_n_ubatch = 8;
        public const int context_params_n_seq_max = 12;
        public const int context_params_n_rs_seq = 16;
        public const int context_params_n_outputs_max = 20;
        public const int context_params_n_outputs_max_per_seq = 24;
        public const int context_params_n_threads = 28;
        public const int context_params_n_threads_batch = 32;
        public const int context_params_ctx_type = 36;
        public const int context_params_rope_scaling_type = 40;
        public const int context_params_pooling_type = 44;
        public const int context_params_attention_type = 48;
        public const int context_params_flash_attn_type = 52;
        public const int context_params_rope_freq_base = 56;
        public const int context_params_rope_freq_scale = 60;
        public const int context_params_yarn_ext_factor = 64;
        public const int context_params_yarn_attn_factor = 68;
        public const int context_params_yarn_beta_fast = 72;
        public const int context_params_yarn_beta_slow = 76;
        public const int context_params_yarn_orig_ctx = 80;
        public const int context_params_defrag_thold = 84;
        public const int context_params_cb_eval = 88;
        public const int context_params_cb_eval_user_data = 96;
        public const int context_params_type_k = 104;
        public const int context_params_type_v = 108;
        public const int context_params_abort_callback = 112;
        public const int context_params_abort_callback_data = 120;
        public const int context_params_embeddings = 128;
        public const int context_params_offload_kqv = 129;
        public const int context_params_no_perf = 130;
        public const int context_params_op_offload = 131;
        public const int context_params_swa_full = 132;
        public const int context_params_kv_unified = 133;
        public const int context_params_samplers = 136;
        public const int context_params_n_samplers = 144;
        public const int context_params_ctx_other = 152;
        public const int batch_sizeof = 56;
        public const int batch_n_tokens = 0;
        public const int batch_token = 8;
        public const int batch_embd = 16;
        public const int batch_pos = 24;
        public const int batch_n_seq_id = 32;
        public const int batch_seq_id = 40;
        public const int batch_logits = 48;
        public const int token_data_sizeof = 12;
        public const int token_data_id = 0;
        public const int token_data_logit = 4;
        public const int token_data_p = 8;
        public const int token_data_array_sizeof = 32;
        public const int token_data_array_data = 0;
        public const int token_data_array_size = 8;
        public const int token_data_array_selected = 16;
        public const int token_data_array_sorted = 24;
        public const int logit_bias_sizeof = 8;
        public const int logit_bias_token = 0;
        public const int logit_bias_bias = 4;
        public const int chat_message_sizeof = 16;
        public const int chat_message_role = 0;
        public const int chat_message_content = 8;
        public const int sampler_chain_params_sizeof = 1;
        public const int sampler_chain_params_no_perf = 0;
        public const int perf_context_data_sizeof = 48;
        public const int perf_context_data_t_start_ms = 0;
        public const int perf_context_data_t_load_ms = 8;
        public const int perf_context_data_t_p_eval_ms = 16;
        public const int perf_context_data_t_eval_ms = 24;
        public const int perf_context_data_n_p_eval = 32;
        public const int perf_context_data_n_eval = 36;
        public const int perf_context_data_n_reused = 40;
        public const int opt_params_sizeof = 48;
        public const int opt_params_n_ctx_train = 0;
        public const int opt_params_param_filter = 8;
        public const int opt_params_param_filter_ud = 16;
        public const int opt_params_get_opt_pars = 24;
        public const int opt_params_get_opt_pars_ud = 32;
        public const int opt_params_optimizer_type = 40;
        public const int optimizer_params_sizeof = 28;
        public const int optimizer_params_adamw_alpha = 0;
        public const int optimizer_params_adamw_beta1 = 4;
        public const int optimizer_params_adamw_beta2 = 8;
        public const int optimizer_params_adamw_eps = 12;
        public const int optimizer_params_adamw_wd = 16;
        public const int optimizer_params_sgd_alpha = 20;
        public const int optimizer_params_sgd_wd = 24;
    }

    // Structs are locals (not movable), so field addresses give the real in-memory layout.
    private static int Offset(void* field, void* structStart) => (int)((byte*)field - (byte*)structStart);

    [Fact]
    public void Id_types_are_single_int32()
    {
        Assert.Equal(4, sizeof(LlamaToken));
        Assert.Equal(4, sizeof(LlamaPos));
        Assert.Equal(4, sizeof(LlamaSeqId));
        Assert.Equal(4, sizeof(LlamaLogLevel));
        Assert.Equal(4, sizeof(GgmlType));
        Assert.Equal(4, sizeof(LlamaTokenAttr));
    }

    [Fact]
    public void LlamaModelParams_matches_llama_model_params()
    {
        var s = default(LlamaModelParams);
        Assert.Equal(Expected.model_params_sizeof, sizeof(LlamaModelParams));
        Assert.Equal(Expected.model_params_devices, Offset(&s.devices, &s));
        Assert.Equal(Expected.model_params_tensor_buft_overrides, Offset(&s.tensor_buft_overrides, &s));
        Assert.Equal(Expected.model_params_n_gpu_layers, Offset(&s.n_gpu_layers, &s));
        Assert.Equal(Expected.model_params_split_mode, Offset(&s.split_mode, &s));
        Assert.Equal(Expected.model_params_load_mode, Offset(&s.load_mode, &s));
        Assert.Equal(Expected.model_params_lazy_mode, Offset(&s.lazy_mode, &s));
        Assert.Equal(Expected.model_params_main_gpu, Offset(&s.main_gpu, &s));
        Assert.Equal(Expected.model_params_tensor_split, Offset(&s.tensor_split, &s));
        Assert.Equal(Expected.model_params_progress_callback, Offset(&s.progress_callback, &s));
        Assert.Equal(Expected.model_params_progress_callback_user_data, Offset(&s.progress_callback_user_data, &s));
        Assert.Equal(Expected.model_params_kv_overrides, Offset(&s.kv_overrides, &s));
        Assert.Equal(Expected.model_params_vocab_only, Offset(&s.vocab_only, &s));
        Assert.Equal(Expected.model_params_check_tensors, Offset(&s.check_tensors, &s));
        Assert.Equal(Expected.model_params_use_extra_bufts, Offset(&s.use_extra_bufts, &s));
        Assert.Equal(Expected.model_params_no_host, Offset(&s.no_host, &s));
        Assert.Equal(Expected.model_params_no_alloc, Offset(&s.no_alloc, &s));
        Assert.Equal(Expected.model_params_load_mtp, Offset(&s.load_mtp, &s));
    }

    [Fact]
    public void LlamaContextParams_matches_llama_context_params()
    {
        var s = default(LlamaContextParams);
        Assert.Equal(Expected.context_params_sizeof, sizeof(LlamaContextParams));
        Assert.Equal(Expected.context_params_n_ctx, Offset(&s.n_ctx, &s));
        Assert.Equal(Expected.context_params_n_batch, Offset(&s.n_batch, &s));
        Assert.Equal(Expected.context_params_n_ubatch, Offset(&s.n_ubatch, &s));
        Assert.Equal(Expected.context_params_n_seq_max, Offset(&s.n_seq_max, &s));
        Assert.Equal(Expected.context_params_n_rs_seq, Offset(&s.n_rs_seq, &s));
        Assert.Equal(Expected.context_params_n_outputs_max, Offset(&s.n_outputs_max, &s));
        Assert.Equal(Expected.context_params_n_outputs_max_per_seq, Offset(&s.n_outputs_max_per_seq, &s));
        Assert.Equal(Expected.context_params_n_threads, Offset(&s.n_threads, &s));
        Assert.Equal(Expected.context_params_n_threads_batch, Offset(&s.n_threads_batch, &s));
        Assert.Equal(Expected.context_params_ctx_type, Offset(&s.ctx_type, &s));
        Assert.Equal(Expected.context_params_rope_scaling_type, Offset(&s.rope_scaling_type, &s));
        Assert.Equal(Expected.context_params_pooling_type, Offset(&s.pooling_type, &s));
        Assert.Equal(Expected.context_params_attention_type, Offset(&s.attention_type, &s));
        Assert.Equal(Expected.context_params_flash_attn_type, Offset(&s.flash_attn_type, &s));
        Assert.Equal(Expected.context_params_rope_freq_base, Offset(&s.rope_freq_base, &s));
        Assert.Equal(Expected.context_params_rope_freq_scale, Offset(&s.rope_freq_scale, &s));
        Assert.Equal(Expected.context_params_yarn_ext_factor, Offset(&s.yarn_ext_factor, &s));
        Assert.Equal(Expected.context_params_yarn_attn_factor, Offset(&s.yarn_attn_factor, &s));
        Assert.Equal(Expected.context_params_yarn_beta_fast, Offset(&s.yarn_beta_fast, &s));
        Assert.Equal(Expected.context_params_yarn_beta_slow, Offset(&s.yarn_beta_slow, &s));
        Assert.Equal(Expected.context_params_yarn_orig_ctx, Offset(&s.yarn_orig_ctx, &s));
        Assert.Equal(Expected.context_params_defrag_thold, Offset(&s.defrag_thold, &s));
        Assert.Equal(Expected.context_params_cb_eval, Offset(&s.cb_eval, &s));
        Assert.Equal(Expected.context_params_cb_eval_user_data, Offset(&s.cb_eval_user_data, &s));
        Assert.Equal(Expected.context_params_type_k, Offset(&s.type_k, &s));
        Assert.Equal(Expected.context_params_type_v, Offset(&s.type_v, &s));
        Assert.Equal(Expected.context_params_abort_callback, Offset(&s.abort_callback, &s));
        Assert.Equal(Expected.context_params_abort_callback_data, Offset(&s.abort_callback_data, &s));
        Assert.Equal(Expected.context_params_embeddings, Offset(&s.embeddings, &s));
        Assert.Equal(Expected.context_params_offload_kqv, Offset(&s.offload_kqv, &s));
        Assert.Equal(Expected.context_params_no_perf, Offset(&s.no_perf, &s));
        Assert.Equal(Expected.context_params_op_offload, Offset(&s.op_offload, &s));
        Assert.Equal(Expected.context_params_swa_full, Offset(&s.swa_full, &s));
        Assert.Equal(Expected.context_params_kv_unified, Offset(&s.kv_unified, &s));
        Assert.Equal(Expected.context_params_samplers, Offset(&s.samplers, &s));
        Assert.Equal(Expected.context_params_n_samplers, Offset(&s.n_samplers, &s));
        Assert.Equal(Expected.context_params_ctx_other, Offset(&s.ctx_other, &s));
    }

    [Fact]
    public void LlamaBatch_matches_llama_batch()
    {
        var s = default(LlamaBatch);
        Assert.Equal(Expected.batch_sizeof, sizeof(LlamaBatch));
        Assert.Equal(Expected.batch_n_tokens, Offset(&s.n_tokens, &s));
        Assert.Equal(Expected.batch_token, Offset(&s.token, &s));
        Assert.Equal(Expected.batch_embd, Offset(&s.embd, &s));
        Assert.Equal(Expected.batch_pos, Offset(&s.pos, &s));
        Assert.Equal(Expected.batch_n_seq_id, Offset(&s.n_seq_id, &s));
        Assert.Equal(Expected.batch_seq_id, Offset(&s.seq_id, &s));
        Assert.Equal(Expected.batch_logits, Offset(&s.logits, &s));
    }

    [Fact]
    public void LlamaTokenData_and_array_match_C()
    {
        var d = default(LlamaTokenData);
        Assert.Equal(Expected.token_data_sizeof, sizeof(LlamaTokenData));
        Assert.Equal(Expected.token_data_id, Offset(&d.id, &d));
        Assert.Equal(Expected.token_data_logit, Offset(&d.logit, &d));
        Assert.Equal(Expected.token_data_p, Offset(&d.p, &d));

        var a = default(LlamaTokenDataArray);
        Assert.Equal(Expected.token_data_array_sizeof, sizeof(LlamaTokenDataArray));
        Assert.Equal(Expected.token_data_array_data, Offset(&a.data, &a));
        Assert.Equal(Expected.token_data_array_size, Offset(&a.size, &a));
        Assert.Equal(Expected.token_data_array_selected, Offset(&a.selected, &a));
        Assert.Equal(Expected.token_data_array_sorted, Offset(&a.sorted, &a));
    }

    [Fact]
    public void Small_structs_match_C()
    {
        var b = default(LlamaLogitBias);
        Assert.Equal(Expected.logit_bias_sizeof, sizeof(LlamaLogitBias));
        Assert.Equal(Expected.logit_bias_token, Offset(&b.token, &b));
        Assert.Equal(Expected.logit_bias_bias, Offset(&b.bias, &b));

        var m = default(LlamaChatMessage);
        Assert.Equal(Expected.chat_message_sizeof, sizeof(LlamaChatMessage));
        Assert.Equal(Expected.chat_message_role, Offset(&m.role, &m));
        Assert.Equal(Expected.chat_message_content, Offset(&m.content, &m));

        var c = default(LlamaSamplerChainParams);
        Assert.Equal(Expected.sampler_chain_params_sizeof, sizeof(LlamaSamplerChainParams));
        Assert.Equal(Expected.sampler_chain_params_no_perf, Offset(&c.no_perf, &c));

        var p = default(LlamaPerfContextData);
        Assert.Equal(Expected.perf_context_data_sizeof, sizeof(LlamaPerfContextData));
        Assert.Equal(Expected.perf_context_data_t_start_ms, Offset(&p.t_start_ms, &p));
        Assert.Equal(Expected.perf_context_data_t_load_ms, Offset(&p.t_load_ms, &p));
        Assert.Equal(Expected.perf_context_data_t_p_eval_ms, Offset(&p.t_p_eval_ms, &p));
        Assert.Equal(Expected.perf_context_data_t_eval_ms, Offset(&p.t_eval_ms, &p));
        Assert.Equal(Expected.perf_context_data_n_p_eval, Offset(&p.n_p_eval, &p));
        Assert.Equal(Expected.perf_context_data_n_eval, Offset(&p.n_eval, &p));
        Assert.Equal(Expected.perf_context_data_n_reused, Offset(&p.n_reused, &p));
    }

    [Fact]
    public void LlamaOptParams_matches_llama_opt_params()
    {
        var s = default(LlamaOptParams);
        Assert.Equal(Expected.opt_params_sizeof, sizeof(LlamaOptParams));
        Assert.Equal(Expected.opt_params_n_ctx_train, Offset(&s.n_ctx_train, &s));
        Assert.Equal(Expected.opt_params_param_filter, Offset(&s.param_filter, &s));
        Assert.Equal(Expected.opt_params_param_filter_ud, Offset(&s.param_filter_ud, &s));
        Assert.Equal(Expected.opt_params_get_opt_pars, Offset(&s.get_opt_pars, &s));
        Assert.Equal(Expected.opt_params_get_opt_pars_ud, Offset(&s.get_opt_pars_ud, &s));
        Assert.Equal(Expected.opt_params_optimizer_type, Offset(&s.optimizer_type, &s));
    }

    [Fact]
    public void GgmlOptOptimizerParams_matches_ggml_opt_optimizer_params()
    {
        var s = default(GgmlOptOptimizerParams);
        Assert.Equal(Expected.optimizer_params_sizeof, sizeof(GgmlOptOptimizerParams));
        Assert.Equal(Expected.optimizer_params_adamw_alpha, Offset(&s.adamw.alpha, &s));
        Assert.Equal(Expected.optimizer_params_adamw_beta1, Offset(&s.adamw.beta1, &s));
        Assert.Equal(Expected.optimizer_params_adamw_beta2, Offset(&s.adamw.beta2, &s));
        Assert.Equal(Expected.optimizer_params_adamw_eps, Offset(&s.adamw.eps, &s));
        Assert.Equal(Expected.optimizer_params_adamw_wd, Offset(&s.adamw.wd, &s));
        Assert.Equal(Expected.optimizer_params_sgd_alpha, Offset(&s.sgd.alpha, &s));
        Assert.Equal(Expected.optimizer_params_sgd_wd, Offset(&s.sgd.wd, &s));
    }

    [Fact]
    public void Default_optimizer_params_round_trip_through_the_real_library()
    {
        LlamaNativeLibrary.Initialize(null, null);
        GgmlOptOptimizerParams p = NativeMethods.ggml_opt_get_default_optimizer_params(null);

        // Values from ggml_opt_get_default_optimizer_params() in ggml/src/ggml-opt.cpp.
        Assert.Equal(0.001f, p.adamw.alpha);
        Assert.Equal(0.9f, p.adamw.beta1);
        Assert.Equal(0.999f, p.adamw.beta2);
        Assert.Equal(1e-8f, p.adamw.eps);
        Assert.Equal(0f, p.adamw.wd);
    }

    [Fact]
    public void Token_dataset_exposes_writable_data_and_labels()
    {
        LlamaNativeLibrary.Initialize(null, null);
        using var dataset = SafeGgmlOptDatasetHandle.CreateTokenDataset(datapointLength: 4, count: 3);
        Assert.Equal(12, dataset.Tokens.Length);
        Assert.Equal(12, dataset.Labels.Length);
        dataset.Tokens[11] = new LlamaToken(7);
        dataset.Labels[0] = new LlamaToken(9);
        Assert.Equal(7, dataset.Tokens[11].Value);
        Assert.Equal(9, dataset.Labels[0].Value);
    }

    [Fact]
    public void Model_default_params_round_trip_through_the_real_library()
    {
        LlamaNativeLibrary.Initialize(null, null);
        LlamaModelParams p = NativeMethods.llama_model_default_params();

        // Values from llama_model_default_params() in src/llama-model.cpp.
        Assert.Equal(nint.Zero, p.devices);
        Assert.Equal(nint.Zero, p.tensor_buft_overrides);
        Assert.Equal(-1, p.n_gpu_layers);
        Assert.Equal(LlamaSplitMode.Layer, p.split_mode);
        Assert.Equal(LlamaLoadMode.Auto, p.load_mode);
        Assert.Equal(LlamaLazyMode.Auto, p.lazy_mode);
        Assert.Equal(0, p.main_gpu);
        Assert.Equal(nint.Zero, p.tensor_split);
        Assert.Equal(nint.Zero, p.progress_callback);
        Assert.Equal(nint.Zero, p.progress_callback_user_data);
        Assert.Equal(nint.Zero, p.kv_overrides);
        Assert.False(p.VocabOnly);
        Assert.False(p.CheckTensors);
        Assert.True(p.UseExtraBufts);
        Assert.False(p.NoHost);
        Assert.False(p.NoAlloc);
        Assert.False(p.LoadMtp);
        Assert.Equal((byte)1, p.use_extra_bufts);
    }

    [Fact]
    public void Context_default_params_round_trip_through_the_real_library()
    {
        LlamaNativeLibrary.Initialize(null, null);
        LlamaContextParams p = NativeMethods.llama_context_default_params();

        // Values from llama_context_default_params() in src/llama-context.cpp (GGML_DEFAULT_N_THREADS = 4).
        Assert.Equal(512u, p.n_ctx);
        Assert.Equal(2048u, p.n_batch);
        Assert.Equal(512u, p.n_ubatch);
        Assert.Equal(1u, p.n_seq_max);
        Assert.Equal(0u, p.n_rs_seq);
        Assert.Equal(0u, p.n_outputs_max);
        Assert.Equal(1u, p.n_outputs_max_per_seq);
        Assert.Equal(4, p.n_threads);
        Assert.Equal(4, p.n_threads_batch);
        Assert.Equal(LlamaContextType.Default, p.ctx_type);
        Assert.Equal(LlamaRopeScalingType.Unspecified, p.rope_scaling_type);
        Assert.Equal(LlamaPoolingType.Unspecified, p.pooling_type);
        Assert.Equal(LlamaAttentionType.Unspecified, p.attention_type);
        Assert.Equal(LlamaFlashAttnType.Auto, p.flash_attn_type);
        Assert.Equal(0f, p.rope_freq_base);
        Assert.Equal(0f, p.rope_freq_scale);
        Assert.Equal(-1f, p.yarn_ext_factor);
        Assert.Equal(-1f, p.yarn_attn_factor);
        Assert.Equal(-1f, p.yarn_beta_fast);
        Assert.Equal(-1f, p.yarn_beta_slow);
        Assert.Equal(0u, p.yarn_orig_ctx);
        Assert.Equal(-1f, p.defrag_thold);
        Assert.Equal(nint.Zero, p.cb_eval);
        Assert.Equal(nint.Zero, p.cb_eval_user_data);
        Assert.Equal(GgmlType.F16, p.type_k);
        Assert.Equal(GgmlType.F16, p.type_v);
        Assert.Equal(nint.Zero, p.abort_callback);
        Assert.Equal(nint.Zero, p.abort_callback_data);
        Assert.False(p.Embeddings);
        Assert.True(p.OffloadKqv);
        Assert.True(p.NoPerf);
        Assert.True(p.OpOffload);
        Assert.True(p.SwaFull);
        Assert.False(p.KvUnified);
        Assert.Equal(nint.Zero, p.samplers);
        Assert.Equal(0u, (uint)p.n_samplers);
        Assert.Equal(nint.Zero, p.ctx_other);
    }

    [Fact]
    public void Sampler_chain_default_params_round_trip_through_the_real_library()
    {
        LlamaNativeLibrary.Initialize(null, null);
        LlamaSamplerChainParams p = NativeMethods.llama_sampler_chain_default_params();
        Assert.True(p.NoPerf);
    }

    [Fact]
    public void Batch_init_and_free_pass_the_struct_by_value()
    {
        LlamaNativeLibrary.Initialize(null, null);
        LlamaBatch batch = NativeMethods.llama_batch_init(8, 0, 2);
        try
        {
            Assert.Equal(0, batch.n_tokens);
            Assert.True(batch.token != null);
            Assert.True(batch.embd == null);
            Assert.True(batch.pos != null);
            Assert.True(batch.n_seq_id != null);
            Assert.True(batch.seq_id != null);
            Assert.True(batch.logits != null);
            for (int i = 0; i < 8; i++)
            {
                Assert.True(batch.seq_id[i] != null);
                batch.token[i] = new LlamaToken(i);
                batch.pos[i] = new LlamaPos(i);
                batch.n_seq_id[i] = 1;
                batch.seq_id[i][0] = new LlamaSeqId(1);
                batch.logits[i] = 0;
            }

            batch.n_tokens = 8;
        }
        finally
        {
            NativeMethods.llama_batch_free(batch);
        }
    }
}
