namespace ReasoningServer.Engine.Loading;

/// <summary>How to load a GGUF file.</summary>
public sealed record ModelLoadOptions(string Path)
{
    /// <summary>Layers to offload to a GPU when the native libraries have one; -1 = all, 0 = none.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Called with 0..1 while weights load; return false to abort.</summary>
    public Func<float, bool>? Progress { get; init; }
}
