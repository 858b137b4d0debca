namespace ReasoningServer.Native;

/// <summary>C <c>enum llama_rope_scaling_type</c>.</summary>
public enum LlamaRopeScalingType
{
    Unspecified = -1,
    None = 0,
    Linear = 1,
    Yarn = 2,
    LongRope = 3,
}
