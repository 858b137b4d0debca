namespace ReasoningServer.Engine.Scheduling;

/// <summary>How the engine's llama.cpp context is shaped.</summary>
public sealed record EngineOptions
{
    /// <summary>KV cache size in tokens, shared by all slots (a unified cache, so one long request can use it all).</summary>
    public int ContextSize { get; init; } = 131072;

    /// <summary>
    /// One KV cache shared by all slots (the default): any single request may use the whole window and choices of
    /// one request share their prompt's cells. False gives each slot its own ContextSize / Slots cells, as
    /// llama-server does with an explicit --parallel: attention then runs over a sequence's own cells only instead of
    /// every cell in use, which evaluates and decodes 8 concurrent streams of the `bench` model 1.1-1.3x faster
    /// (llama-batched-bench; bench/RESULTS.md, issue 8), at the price of a smaller window per request.
    /// </summary>
    public bool KvUnified { get; init; } = true;

    /// <summary>Sequences decoded together (llama.cpp's n_seq_max).</summary>
    public int Slots { get; init; } = 1;

    /// <summary>Most tokens in one decode step (llama.cpp's n_batch).</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>
    /// Most tokens llama.cpp computes at once (n_ubatch): a bigger step is run in pieces of this size. It sizes the
    /// compute buffers; the step size decides how many prompts arriving together are evaluated before any decodes.
    /// </summary>
    public int MicroBatchSize { get; init; } = 512;

    /// <summary>
    /// Most prompt tokens evaluated in one step, split by <see cref="PrefillPlanner"/>; 0 = <see cref="BatchSize"/>.
    /// Smaller values keep the inter-token latency of generating sequences low while a long prompt comes in.
    /// </summary>
    public int PrefillTokensPerStep { get; init; }

    /// <summary>CPU threads for decode steps; 0 = chosen per step size from measured step times (<see cref="StepThreadTuner"/>).</summary>
    /// <remarks>
    /// No fixed number is right on a shared machine: on idle cores a step of 8 rows runs up to N times faster on N
    /// threads, while on busy ones llama.cpp's spinning barriers made 2-thread steps 20 to 100 times slower than
    /// 1-thread ones (bench/RESULTS.md, issue 8).
    /// </remarks>
    public int Threads { get; init; }

    /// <summary>CPU threads for prompt evaluation; 0 = chosen from measured step times, like <see cref="Threads"/>.</summary>
    public int BatchThreads { get; init; }

    /// <summary>The threads the context is created with, before the first step is measured.</summary>
    internal int InitialThreads => Threads > 0 ? Threads : 1;

    internal int InitialBatchThreads => BatchThreads > 0 ? BatchThreads : Environment.ProcessorCount;

    internal int EffectiveMicroBatchSize => Math.Min(MicroBatchSize, BatchSize);

    internal int EffectivePrefillTokensPerStep => PrefillTokensPerStep > 0 ? Math.Min(PrefillTokensPerStep, BatchSize) : BatchSize;

    /// <summary>
    /// Generated tokens a sequence may have waiting for its reader: at this many the engine pauses the sequence
    /// (leaves it out of the batch, other sequences go on) until the reader takes one. The engine thread never
    /// waits on a reader, and a slow client costs a slot, not unbounded memory. A forced sequence (thinking budget)
    /// may go past it by its own length.
    /// </summary>
    public int MaxUnreadTokens { get; init; } = 64;

    /// <summary>Requests waiting for slots before new ones are refused.</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>Host memory for prefixes evicted from slots (llama.cpp sequence states); 0 disables it.</summary>
    public long HostCacheBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Prefixes shorter than this are not worth saving to host memory.</summary>
    public int HostCacheMinTokens { get; init; } = 64;

    /// <summary>A saved prefix nobody asked for during this long is dropped.</summary>
    public TimeSpan HostCacheExpiration { get; init; } = TimeSpan.FromHours(1);
}
