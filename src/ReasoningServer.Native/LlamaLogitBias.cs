using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of C <c>struct llama_logit_bias</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaLogitBias
{
    public LlamaToken token;
    public float bias;

    public LlamaLogitBias(LlamaToken token, float bias)
    {
        this.token = token;
        this.bias = bias;
    }
}
