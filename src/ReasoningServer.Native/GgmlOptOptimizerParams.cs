using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Mirror of C <c>struct ggml_opt_optimizer_params</c> (ggml-opt.h). Returned by value from the
/// <c>ggml_opt_get_optimizer_params</c> callback, which ggml calls before every optimizer step.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct GgmlOptOptimizerParams
{
    public GgmlOptAdamWParams adamw;
    public GgmlOptSgdParams sgd;
}
