using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of the anonymous <c>adamw</c> member of C <c>struct ggml_opt_optimizer_params</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct GgmlOptAdamWParams
{
    /// <summary>Learning rate.</summary>
    public float alpha;
    public float beta1;
    public float beta2;
    public float eps;

    /// <summary>Weight decay; 0 disables it.</summary>
    public float wd;
}
