using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of C <c>struct llama_token_data</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaTokenData
{
    public LlamaToken id;

    /// <summary>Log-odds of the token.</summary>
    public float logit;

    /// <summary>Probability of the token.</summary>
    public float p;

    public LlamaTokenData(LlamaToken id, float logit, float p)
    {
        this.id = id;
        this.logit = logit;
        this.p = p;
    }
}
