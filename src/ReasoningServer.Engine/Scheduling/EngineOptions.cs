namespace ReasoningServer.Engine.Scheduling;

/// <summary>How the engine's llama.cpp context is shaped.</summary>
public sealed record EngineOptions
{
    /// <summary>KV cache size in tokens, shared by all slots (a unified cache, so one long request can use it all).</summary>
    public int ContextSize { get; init; } = 131072;

    /// <summary>Sequences decoded together (llama.cpp's n_seq_max).</summary>
    public int Slots { get; init; } = 1;

    /// <summary>Most tokens in one decode step; also the prefill chunk, so a long prompt never stalls others for longer.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>CPU threads for llama.cpp; 0 = one per core.</summary>
    public int Threads { get; init; }

    /// <summary>Requests waiting for a slot before new ones are refused.</summary>
    public int QueueCapacity { get; init; } = 64;
}
