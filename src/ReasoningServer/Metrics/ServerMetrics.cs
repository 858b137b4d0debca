using System.Diagnostics.Metrics;
using ReasoningServer.Accounting.Usage;
using ReasoningServer.Serving;

namespace ReasoningServer.Metrics;

/// <summary>
/// The server's instruments, in the <c>reasoning_server</c> namespace (README, "Metrics"). Request-side
/// measurements are recorded where they happen; engine state (queue, slots, KV cache, host prefix cache) is
/// read from the engine's statistics when a scrape asks.
/// </summary>
internal sealed class ServerMetrics
{
    public const string MeterName = "ReasoningServer";

    /// <summary>Latencies from a fast token (a millisecond) to a slow first token behind a long prompt (a minute).</summary>
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _promptTokens;
    private readonly Counter<long> _cachedTokens;
    private readonly Counter<long> _reasoningTokens;
    private readonly Counter<long> _answerTokens;
    private readonly Counter<long> _prefixCacheLookups;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _interTokenLatency;
    private long _tokensStreamed;

    /// <param name="exporter">Taken so that it listens before anything is measured: a listener misses what came before it.</param>
    public ServerMetrics(IMeterFactory meterFactory, ModelHost models, PrometheusExporter exporter)
    {
        _ = exporter;
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("reasoning_server.requests", "{request}", "HTTP requests answered, by endpoint (route pattern) and status code.");
        _requestDuration = Meter.CreateHistogram("reasoning_server.request.duration", "s", "Time from a request's arrival to its last byte, by endpoint.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _promptTokens = Meter.CreateCounter<long>("reasoning_server.prompt.tokens", "{token}", "Prompt tokens of generation requests (cached ones included).");
        _cachedTokens = Meter.CreateCounter<long>("reasoning_server.prompt.cached.tokens", "{token}", "Prompt tokens served from the prefix cache.");
        _reasoningTokens = Meter.CreateCounter<long>("reasoning_server.reasoning.tokens", "{token}", "Generated tokens inside the thinking section.");
        _answerTokens = Meter.CreateCounter<long>("reasoning_server.answer.tokens", "{token}", "Generated tokens of the visible answer.");
        _prefixCacheLookups = Meter.CreateCounter<long>("reasoning_server.prefix_cache.lookups", "{request}",
            "Generation requests by whether part of their prompt was found in the prefix cache (result=hit|miss).");
        _timeToFirstToken = Meter.CreateHistogram("reasoning_server.time_to_first_token", "s", "Time from a request's start to each choice's first generated token.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _interTokenLatency = Meter.CreateHistogram("reasoning_server.inter_token_latency", "s", "Time between consecutive generated tokens of one choice.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

        Meter.CreateObservableGauge("reasoning_server.queue.depth", () => models.Current?.Engine.QueuedRequests ?? 0, "{request}",
            "Requests waiting for a slot.");
        Meter.CreateObservableGauge("reasoning_server.slots.busy", () => models.Current?.Engine.Statistics.ActiveSequences ?? 0, "{slot}",
            "Slots serving a sequence now.");
        Meter.CreateObservableGauge("reasoning_server.slots", () => models.Current?.Engine.Slots ?? 0, "{slot}", "Slots (parallel sequences) of the engine.");
        Meter.CreateObservableGauge("reasoning_server.kv_cache.tokens", () => models.Current?.Engine.Statistics.KvCacheTokens ?? 0, "{token}",
            "Tokens whose KV the slots hold (running and cached prefixes; a prefix shared by n choices counts per choice).");
        Meter.CreateObservableGauge("reasoning_server.kv_cache.busy.tokens", () => models.Current?.Engine.Statistics.BusyKvTokens ?? 0, "{token}",
            "The part of kv_cache_tokens held by slots serving a request (0 when idle).");
        Meter.CreateObservableGauge("reasoning_server.kv_cache.memory.tokens", () => models.Current?.Engine.Statistics.MemoryPositions ?? 0, "{token}",
            "Positions llama.cpp's KV memory holds over all sequences; differs from kv_cache_tokens only if KV leaked.");
        Meter.CreateObservableGauge("reasoning_server.slots.paused", () => models.Current?.Engine.Statistics.PausedSequences ?? 0, "{slot}",
            "Busy slots not decoding because their client is Model:MaxUnreadTokens tokens behind.");
        Meter.CreateObservableCounter("reasoning_server.slots.pauses", () => models.Current?.Engine.Statistics.Pauses ?? 0, "{pause}",
            "Times a sequence was paused for a slow client.");
        Meter.CreateObservableGauge("reasoning_server.kv_cache.usage", () => KvCacheUsage(models), "1",
            "kv_cache_tokens over the KV cache's cells (all slots), at most 1.");
        Meter.CreateObservableCounter("reasoning_server.prefix_cache.hit.tokens", () => models.Current?.Engine.Statistics.PromptTokensCached ?? 0, "{token}",
            "Prompt tokens whose KV was reused from a slot or restored from host memory, instead of evaluated.");
        // With n > 1 or test_time samples the prompt goes through llama_decode once, however many sequences share it.
        Meter.CreateObservableCounter("reasoning_server.prompt.evaluated.tokens", () => models.Current?.Engine.Statistics.PromptTokensEvaluated ?? 0, "{token}",
            "Prompt tokens that went through llama_decode (a prompt shared by several choices or samples counts once).");
        Meter.CreateObservableCounter("reasoning_server.prefix_cache.restores", () => models.Current?.Engine.Statistics.HostCacheRestores ?? 0, "{restore}",
            "Prefixes restored from the host-memory cache into a slot.");
        Meter.CreateObservableGauge("reasoning_server.prefix_cache.host", () => models.Current?.Engine.Statistics.HostCacheBytes ?? 0, "By",
            "Memory held by the host-memory prefix cache.");
        Meter.CreateObservableGauge("reasoning_server.model.loaded", () => models.Current is null ? 0 : 1, unit: null,
            "1 once the model has loaded and the engine runs.");
    }

    /// <summary>The meter, for components that add instruments of their own (the ledger writer).</summary>
    public Meter Meter { get; }

    public void RequestAnswered(string endpoint, int status, TimeSpan duration)
    {
        var endpointTag = new KeyValuePair<string, object?>("endpoint", endpoint);
        _requests.Add(1, endpointTag, new KeyValuePair<string, object?>("status", status));
        _requestDuration.Record(duration.TotalSeconds, endpointTag);
    }

    public void GenerationEnded(TokenUsage usage)
    {
        _promptTokens.Add(usage.PromptTokens);
        _cachedTokens.Add(usage.CachedTokens);
        _reasoningTokens.Add(usage.ReasoningTokens);
        _answerTokens.Add(usage.AnswerTokens);
        _prefixCacheLookups.Add(1, new KeyValuePair<string, object?>("result", usage.CachedTokens > 0 ? "hit" : "miss"));
    }

    /// <summary>
    /// Tokens the request side has received from the engine so far, counted as they arrive (the token counters
    /// above move only when a request ends), so that a status poll can show a live tokens/s.
    /// </summary>
    public long TokensStreamed => Interlocked.Read(ref _tokensStreamed);

    public void FirstToken(TimeSpan sinceStart)
    {
        Interlocked.Increment(ref _tokensStreamed);
        _timeToFirstToken.Record(sinceStart.TotalSeconds);
    }

    public void NextToken(TimeSpan sincePrevious)
    {
        Interlocked.Increment(ref _tokensStreamed);
        _interTokenLatency.Record(sincePrevious.TotalSeconds);
    }

    private static double KvCacheUsage(ModelHost models) =>
        models.Current?.Engine is { KvCacheCells: > 0 } engine ? Math.Min(1.0, (double)engine.Statistics.KvCacheTokens / engine.KvCacheCells) : 0;
}
