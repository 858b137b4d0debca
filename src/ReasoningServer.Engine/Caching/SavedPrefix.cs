using ReasoningServer.Native;

namespace ReasoningServer.Engine.Caching;

/// <summary>One sequence's KV, saved by llama.cpp's per-sequence state API, and the tokens it holds.</summary>
public sealed class SavedPrefix(long id, LlamaToken[] tokens, byte[] state)
{
    public long Id { get; } = id;

    public LlamaToken[] Tokens { get; } = tokens;

    /// <summary>The bytes of llama_state_seq_get_data, restored with llama_state_seq_set_data.</summary>
    public byte[] State { get; } = state;

    /// <summary>What the entry costs in host memory.</summary>
    public long Size => State.LongLength + (Tokens.LongLength * sizeof(int));

    /// <summary>The cache's use counter when it was last found or stored, for least-recently-used eviction.</summary>
    internal long LastUsed { get; set; }
}
