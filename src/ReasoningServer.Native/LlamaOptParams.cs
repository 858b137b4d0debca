using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of C <c>struct llama_opt_params</c> (llama.h), the argument of <c>llama_opt_init</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaOptParams
{
    /// <summary>Context size assumed after training; 0 = the context's. llama.cpp requires it to equal the context's n_ctx.</summary>
    public uint n_ctx_train;

    /// <summary><c>llama_opt_param_filter</c>: <c>bool (*)(const struct ggml_tensor *, void *)</c>, true = train this tensor.</summary>
    public delegate* unmanaged[Cdecl]<nint, void*, byte> param_filter;

    public void* param_filter_ud;

    /// <summary><c>ggml_opt_get_optimizer_params</c>: called before each optimizer step (a learning-rate schedule).</summary>
    public delegate* unmanaged[Cdecl]<void*, GgmlOptOptimizerParams> get_opt_pars;

    public void* get_opt_pars_ud;

    public GgmlOptOptimizerType optimizer_type;
}
