namespace ReasoningServer.Engine.Scheduling;

/// <summary>How the engine's llama.cpp context is shaped.</summary>
public sealed record EngineOptions
{
    /// <summary>KV cache size in tokens, shared by all slots (a unified cache, so one long request can use it all).</summary>
    public int ContextSize { get; init; } = 131072;

    /// <summary>Sequences decoded together (llama.cpp's n_seq_max).</summary>
    public int Slots { get; init; } = 1;

    /// <summary>Most tokens in one decode step.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>
    /// Most prompt tokens evaluated in one step, shared fairly by the prompts being evaluated; 0 = <see cref="BatchSize"/>.
    /// Smaller values keep the inter-token latency of generating sequences low while a long prompt comes in.
    /// </summary>
    public int PrefillTokensPerStep { get; init; }

    /// <summary>CPU threads for decoding; 0 = all cores but one, which is left to the HTTP side.</summary>
    /// <remarks>
    /// Measured on 2 cores (bench/RESULTS.md): with two decode threads the server reached 0.68 of the bare
    /// engine's decode rate, with one 0.94 — llama.cpp's second worker spins at its barrier while the
    /// request side needs the core.
    /// </remarks>
    public int Threads { get; init; }

    /// <summary>CPU threads for prompt evaluation, which parallelises well; 0 = one per core.</summary>
    public int BatchThreads { get; init; }

    internal int EffectiveThreads => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount - 1);

    internal int EffectiveBatchThreads => BatchThreads > 0 ? BatchThreads : Environment.ProcessorCount;

    internal int EffectivePrefillTokensPerStep => PrefillTokensPerStep > 0 ? Math.Min(PrefillTokensPerStep, BatchSize) : BatchSize;

    /// <summary>Requests waiting for slots before new ones are refused.</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>Host memory for prefixes evicted from slots (llama.cpp sequence states); 0 disables it.</summary>
    public long HostCacheBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Prefixes shorter than this are not worth saving to host memory.</summary>
    public int HostCacheMinTokens { get; init; } = 64;

    /// <summary>A saved prefix nobody asked for during this long is dropped.</summary>
    public TimeSpan HostCacheExpiration { get; init; } = TimeSpan.FromHours(1);
}
