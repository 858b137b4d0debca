namespace ReasoningServer.Native;

/// <summary>C <c>enum llama_attention_type</c>.</summary>
public enum LlamaAttentionType
{
    Unspecified = -1,
    Causal = 0,
    NonCausal = 1,
}
