namespace ReasoningServer.Native;

/// <summary>C <c>enum llama_context_type</c>.</summary>
public enum LlamaContextType
{
    Default = 0,
    Mtp = 1,
}
