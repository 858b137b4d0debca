namespace ReasoningServer.Native;

/// <summary>C <c>enum llama_lazy_mode</c>.</summary>
public enum LlamaLazyMode
{
    Off = 0,
    Auto = 1,
    On = 2,
}
