namespace ReasoningServer.Native;

/// <summary>C <c>enum ggml_opt_optimizer_type</c> (ggml-opt.h).</summary>
public enum GgmlOptOptimizerType
{
    AdamW = 0,
    Sgd = 1,
}
