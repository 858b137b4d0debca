namespace ReasoningServer.Engine.Scheduling;

/// <summary>Written by the engine thread only; read from any thread through <see cref="Snapshot"/>.</summary>
internal sealed class EngineCounters
{
    private long _sequences;
    private long _promptTokensEvaluated;
    private long _promptTokensCached;
    private long _generatedTokens;
    private long _hostCacheSaves;
    private long _hostCacheRestores;
    private int _activeSequences;
    private long _kvCacheTokens;
    private long _grammarResamples;
    private int _pausedSequences;
    private long _busyKvTokens;
    private long _memoryPositions;
    private long _pauses;

    public int ActiveSequences
    {
        set => Volatile.Write(ref _activeSequences, value);
    }

    public long KvCacheTokens
    {
        set => Volatile.Write(ref _kvCacheTokens, value);
    }

    public int PausedSequences
    {
        set => Volatile.Write(ref _pausedSequences, value);
    }

    public long BusyKvTokens
    {
        set => Volatile.Write(ref _busyKvTokens, value);
    }

    public long MemoryPositions
    {
        set => Volatile.Write(ref _memoryPositions, value);
    }

    public void Paused() => Interlocked.Increment(ref _pauses);

    public void AddSequences(int count) => Interlocked.Add(ref _sequences, count);

    public void AddPromptEvaluated(int tokens) => Interlocked.Add(ref _promptTokensEvaluated, tokens);

    public void AddPromptCached(int tokens) => Interlocked.Add(ref _promptTokensCached, tokens);

    public void AddGenerated(int tokens) => Interlocked.Add(ref _generatedTokens, tokens);

    public void HostCacheSaved() => Interlocked.Increment(ref _hostCacheSaves);

    public void HostCacheRestored() => Interlocked.Increment(ref _hostCacheRestores);

    public void GrammarResampled() => Interlocked.Increment(ref _grammarResamples);

    public EngineStatistics Snapshot(long hostCacheBytes) => new(
        Volatile.Read(ref _activeSequences),
        Interlocked.Read(ref _sequences),
        Interlocked.Read(ref _promptTokensEvaluated),
        Interlocked.Read(ref _generatedTokens),
        Interlocked.Read(ref _promptTokensCached),
        Interlocked.Read(ref _hostCacheSaves),
        Interlocked.Read(ref _hostCacheRestores),
        hostCacheBytes,
        Volatile.Read(ref _kvCacheTokens),
        Interlocked.Read(ref _grammarResamples),
        Volatile.Read(ref _pausedSequences),
        Volatile.Read(ref _busyKvTokens),
        Volatile.Read(ref _memoryPositions),
        Interlocked.Read(ref _pauses));
}
