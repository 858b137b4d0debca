using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of C <c>struct llama_sampler_chain_params</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaSamplerChainParams
{
    /// <summary>Whether to skip measuring performance timings.</summary>
    public byte no_perf;

    public bool NoPerf { readonly get => no_perf != 0; set => no_perf = value ? (byte)1 : (byte)0; }
}
