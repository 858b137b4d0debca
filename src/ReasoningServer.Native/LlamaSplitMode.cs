namespace ReasoningServer.Native;

/// <summary>C <c>enum llama_split_mode</c>.</summary>
public enum LlamaSplitMode
{
    None = 0,
    Layer = 1,
    Row = 2,
    Tensor = 3,
}
