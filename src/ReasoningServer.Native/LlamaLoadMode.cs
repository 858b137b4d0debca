namespace ReasoningServer.Native;

/// <summary>C <c>enum llama_load_mode</c>.</summary>
public enum LlamaLoadMode
{
    Auto = -1,
    None = 0,
    Mmap = 1,
    Mlock = 2,
    MmapMlock = 3,
    DirectIo = 4,
}
