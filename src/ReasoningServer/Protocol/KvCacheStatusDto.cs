namespace ReasoningServer.Protocol;

/// <summary>Tokens held in the KV cache (running sequences and cached prefixes) over its cells.</summary>
internal sealed class KvCacheStatusDto
{
    public required long Tokens { get; init; }

    public required long Cells { get; init; }

    /// <summary><see cref="Tokens"/> over <see cref="Cells"/>, at most 1.</summary>
    public required double Usage { get; init; }
}
