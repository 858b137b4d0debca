using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Mirror of C <c>struct llama_context_params</c> (llama.h), field by field. Field names are the C names;
/// C <c>bool</c> fields are <see cref="byte"/> with PascalCase <see cref="bool"/> convenience properties.
/// Obtain defaults with <see cref="NativeMethods.llama_context_default_params"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaContextParams
{
    /// <summary>Text context size, 0 = from model.</summary>
    public uint n_ctx;

    /// <summary>Logical maximum batch size that can be submitted to <c>llama_decode</c>.</summary>
    public uint n_batch;

    /// <summary>Physical maximum batch size.</summary>
    public uint n_ubatch;

    /// <summary>Max number of sequences.</summary>
    public uint n_seq_max;

    /// <summary>Recurrent-state snapshots per seq for rollback (0 = none) [EXPERIMENTAL].</summary>
    public uint n_rs_seq;

    /// <summary>Max outputs in a ubatch (0 = n_batch).</summary>
    public uint n_outputs_max;

    /// <summary>Max outputs per sequence (0 = n_outputs_max).</summary>
    public uint n_outputs_max_per_seq;

    public int n_threads;
    public int n_threads_batch;

    public LlamaContextType ctx_type;
    public LlamaRopeScalingType rope_scaling_type;
    public LlamaPoolingType pooling_type;
    public LlamaAttentionType attention_type;
    public LlamaFlashAttnType flash_attn_type;

    public float rope_freq_base;
    public float rope_freq_scale;
    public float yarn_ext_factor;
    public float yarn_attn_factor;
    public float yarn_beta_fast;
    public float yarn_beta_slow;
    public uint yarn_orig_ctx;

    /// <summary>[DEPRECATED] in llama.cpp.</summary>
    public float defrag_thold;

    /// <summary><c>ggml_backend_sched_eval_callback</c>.</summary>
    public nint cb_eval;
    public nint cb_eval_user_data;

    /// <summary>Data type for the K cache [EXPERIMENTAL].</summary>
    public GgmlType type_k;

    /// <summary>Data type for the V cache [EXPERIMENTAL].</summary>
    public GgmlType type_v;

    /// <summary><c>ggml_abort_callback</c> = <c>bool (*)(void * data)</c>; returning true aborts <c>llama_decode</c>.</summary>
    public nint abort_callback;
    public nint abort_callback_data;

    public byte embeddings;
    public byte offload_kqv;
    public byte no_perf;
    public byte op_offload;
    public byte swa_full;
    public byte kv_unified;

    /// <summary><c>struct llama_sampler_seq_config *</c> [EXPERIMENTAL] backend sampler chains.</summary>
    public nint samplers;
    public nuint n_samplers;

    /// <summary><c>struct llama_context *</c>: a source/target/parent context.</summary>
    public nint ctx_other;

    public bool Embeddings { readonly get => embeddings != 0; set => embeddings = value ? (byte)1 : (byte)0; }

    public bool OffloadKqv { readonly get => offload_kqv != 0; set => offload_kqv = value ? (byte)1 : (byte)0; }

    public bool NoPerf { readonly get => no_perf != 0; set => no_perf = value ? (byte)1 : (byte)0; }

    public bool OpOffload { readonly get => op_offload != 0; set => op_offload = value ? (byte)1 : (byte)0; }

    public bool SwaFull { readonly get => swa_full != 0; set => swa_full = value ? (byte)1 : (byte)0; }

    public bool KvUnified { readonly get => kv_unified != 0; set => kv_unified = value ? (byte)1 : (byte)0; }
}
