namespace ReasoningServer.Protocol;

/// <summary>Tokens held in the KV cache (running sequences and cached prefixes) over its cells.</summary>
internal sealed class KvCacheStatusDto
{
    public required long Tokens { get; init; }

    public required long Cells { get; init; }

    /// <summary>The part of <see cref="Tokens"/> held by slots serving a request: 0 when the server is idle.</summary>
    public long BusyTokens { get; init; }

    /// <summary>Positions llama.cpp's KV memory holds, read from it: equal to <see cref="Tokens"/> unless KV leaked.</summary>
    public long MemoryTokens { get; init; }

    /// <summary><see cref="Tokens"/> over <see cref="Cells"/>, at most 1.</summary>
    public required double Usage { get; init; }
}
