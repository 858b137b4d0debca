using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of the anonymous <c>sgd</c> member of C <c>struct ggml_opt_optimizer_params</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct GgmlOptSgdParams
{
    /// <summary>Learning rate.</summary>
    public float alpha;

    /// <summary>Weight decay.</summary>
    public float wd;
}
