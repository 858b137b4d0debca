using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ReasoningServer.Engine.Caching;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// Runs every sequence of one model through one llama.cpp context: continuous batching over
/// <see cref="EngineOptions.Slots"/> sequences, a prefix cache, and parallel choices of one prompt.
/// </summary>
/// <remarks>
/// Threading contract: the engine thread created here is the only thread that touches the context —
/// llama_decode, samplers, KV memory, sequence states. Other threads only call <see cref="Submit"/> /
/// <see cref="SubmitGroup"/> (a bounded queue) and read their <see cref="GenerationHandle"/>s. Each step
/// releases cancelled and timed-out sequences, admits queued requests into idle slots (reusing cached
/// prefixes), builds ONE batch from all slots, decodes it once and samples every sequence with an output row.
/// </remarks>
public sealed partial class InferenceEngine : IDisposable, ISlotLifecycle
{
    /// <summary>How long the engine sleeps at most while all its sequences are paused: the resolution of their deadlines.</summary>
    private static readonly TimeSpan PausedNap = TimeSpan.FromMilliseconds(50);

    private readonly LoadedModel _model;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly RequestQueue _queue;
    private readonly Slot[] _slots;
    private readonly Thread _thread;
    private readonly EngineCounters _counters = new();
    private readonly HostPrefixCache? _hostCache;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SafeLlamaContextHandle? _context;
    private SlotAllocator? _allocator;
    private nint _memory;
    private long _clock;

    public InferenceEngine(LoadedModel model, EngineOptions options, ILogger<InferenceEngine> logger)
    {
        _model = model;
        _options = options;
        _logger = logger;
        _queue = new RequestQueue(options.QueueCapacity) { IdleSlots = options.Slots };
        _slots = new Slot[options.Slots];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot(i);
        }

        _hostCache = options.HostCacheBytes > 0 ? new HostPrefixCache(options.HostCacheBytes, options.HostCacheExpiration) : null;
        _thread = new Thread(Run) { IsBackground = true, Name = "inference-engine" };
    }

    public LoadedModel Model => _model;

    /// <summary>The window of one request in tokens, as llama.cpp allocated it (a slot's share without a unified cache).</summary>
    public int ContextSize { get; private set; }

    /// <summary>KV cells of the whole cache, all slots together (equal to <see cref="ContextSize"/> with a unified cache).</summary>
    public int KvCacheCells { get; private set; }

    /// <summary>Sequences decoded together; the most choices one request can run at once.</summary>
    public int Slots => _slots.Length;

    public EngineStatistics Statistics => _counters.Snapshot(_hostCache?.Bytes ?? 0);

    /// <summary>Requests waiting for a slot (cancelled ones not yet dropped included).</summary>
    public int QueuedRequests => _queue.Count;

    /// <summary>Called on the engine thread after every decode step (tests measure the step's allocations with it).</summary>
    internal Action? AfterStep { get; set; }

    /// <summary>Creates the context on the engine thread and starts stepping.</summary>
    public Task StartAsync()
    {
        _thread.Start();
        return _started.Task;
    }

    /// <summary>Queues a request; throws <see cref="EngineQueueFullException"/> rather than waiting without bound.</summary>
    public GenerationHandle Submit(GenerationRequest request) => SubmitGroup([request])[0];

    /// <summary>
    /// Queues the choices of one request, which share one prompt: it is evaluated once and its KV copied to
    /// every choice. They are admitted together, so at most <see cref="Slots"/> of them.
    /// </summary>
    public GenerationHandle[] SubmitGroup(IReadOnlyList<GenerationRequest> choices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(choices.Count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(choices.Count, _slots.Length);
        var handles = new GenerationHandle[choices.Count];
        for (var i = 0; i < handles.Length; i++)
        {
            if (i > 0 && !ReferenceEquals(choices[i].Prompt, choices[0].Prompt) && !choices[i].Prompt.SequenceEqual(choices[0].Prompt))
            {
                throw new ArgumentException("The choices of one group share one prompt.", nameof(choices));
            }

            handles[i] = new GenerationHandle(choices[i], _options.MaxUnreadTokens, _queue.Wake);
        }

        if (_stopping.IsCancellationRequested || !_queue.TryAdd(new GenerationGroup(handles)))
        {
            throw _stopping.IsCancellationRequested ? new EngineUnavailableException() : new EngineQueueFullException(_options.QueueCapacity);
        }

        return handles;
    }

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
        else
        {
            FinishQueued();
        }

        _hostCache?.Dispose();
        _stopping.Dispose();
    }

    private void Run()
    {
        try
        {
            _context = CreateContext();
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            FinishQueued();
            return;
        }

        // llama.cpp caps n_batch at the context size: a step holds what the context accepts.
        var stepCapacity = (int)_context!.BatchSize;
        var batch = NativeMethods.llama_batch_init(stepCapacity, 0, 1);
        try
        {
            var threads = new StepThreadTuner(_options.Threads, _options.BatchThreads, Environment.ProcessorCount);
            WarmUp(batch, threads);
            _allocator = new SlotAllocator(_slots, _context.DangerousGetHandle(), _hostCache, _options.HostCacheMinTokens,
                keepBusyContiguous: !_options.KvUnified, _counters);
            _started.TrySetResult();
            var stepper = new BatchStepper(_context, _model, batch, stepCapacity, Math.Min(_options.EffectivePrefillTokensPerStep, stepCapacity), ContextSize,
                threads, this, _counters);
            while (!_stopping.IsCancellationRequested)
            {
                _queue.ArmWake();
                var now = Stopwatch.GetTimestamp();
                _queue.DropDead(now);
                ReleaseAbandoned(now);
                Admit(now);
                if (AllIdle())
                {
                    PublishIdleSlots(); // the last finishes happened in the step before
                    _queue.WaitForWork(_stopping.Token);
                    continue;
                }

                var decoded = stepper.Step(_slots);
                PublishIdleSlots();
                AfterStep?.Invoke();
                if (!decoded)
                {
                    // Every busy sequence waits for its reader: sleep until one reads, leaves or times out.
                    _queue.Nap(PausedNap, _stopping.Token);
                }
            }
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            LogEngineFailed(e);
            foreach (var slot in _slots)
            {
                if (slot.State != SlotState.Idle)
                {
                    Finish(slot, FinishReason.Failed, e.Message);
                }
            }
        }
        finally
        {
            foreach (var slot in _slots)
            {
                if (slot.State != SlotState.Idle)
                {
                    Finish(slot, FinishReason.Cancelled, null);
                }
            }

            FinishQueued(); // from now on Submit refuses instead of queueing for nobody
            NativeMethods.llama_batch_free(batch);
            _context.Dispose();
        }
    }

    private void FinishQueued()
    {
        foreach (var group in _queue.Close())
        {
            foreach (var waiting in group.Members)
            {
                waiting.Finish(new GenerationSummary(FinishReason.Cancelled, waiting.Request.Prompt.Count, 0, 0));
            }
        }
    }

    private SafeLlamaContextHandle CreateContext()
    {
        var parameters = NativeMethods.llama_context_default_params();
        parameters.n_ctx = (uint)_options.ContextSize;
        parameters.n_batch = (uint)_options.BatchSize;
        parameters.n_ubatch = (uint)_options.EffectiveMicroBatchSize;
        parameters.n_seq_max = (uint)_options.Slots;
        parameters.n_threads = _options.InitialThreads;
        parameters.n_threads_batch = _options.InitialBatchThreads;
        parameters.no_perf = 0;
        // By default one cache shared by all sequences: any single request may use the whole window, prefixes can
        // be shared between sequences (n > 1), and idle slots' cached prefixes use only what is free.
        parameters.kv_unified = _options.KvUnified ? (byte)1 : (byte)0;
        var context = SafeLlamaContextHandle.Create(_model.Handle, parameters);
        ContextSize = (int)NativeMethods.llama_n_ctx_seq(context.DangerousGetHandle());
        KvCacheCells = (int)NativeMethods.llama_n_ctx(context.DangerousGetHandle());
        _memory = NativeMethods.llama_get_memory(context.DangerousGetHandle());
        LogContextCreated(ContextSize, _options.Slots, Describe(_options.Threads), Describe(_options.BatchThreads), _options.HostCacheBytes / (1024 * 1024));
        return context;
    }

    /// <summary>
    /// Throwaway decodes before the first request, as llama-server does: they build the compute graph and touch
    /// the weights, so the first client does not pay for that in its time to first token. With automatic threads
    /// each step size is also timed with every thread count, twice (the first run warms up), to start the tuner.
    /// </summary>
    private void WarmUp(LlamaBatch batch, StepThreadTuner threads)
    {
        var context = _context!.DangerousGetHandle();
        Decode(1);
        foreach (var (group, candidate, rows) in threads.CalibrationPlan(Math.Min((int)_context!.BatchSize, ContextSize)))
        {
            var count = threads.Threads(group, candidate);
            NativeMethods.llama_set_n_threads(context, count, count);
            Decode(rows);
            var started = Stopwatch.GetTimestamp();
            Decode(rows);
            var work = Enumerable.Range(0, rows).Sum(_model.RowWork); // positions 0..rows-1, as a served step counts them
            threads.RecordCalibration(group, candidate, work, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        NativeMethods.llama_set_n_threads(context, _options.InitialThreads, _options.InitialBatchThreads);

        void Decode(int rows)
        {
            batch.n_tokens = 0;
            for (var i = 0; i < rows; i++)
            {
                batch.Add(new LlamaToken(i % _model.Tokenizer.VocabularySize), new LlamaPos(i), new LlamaSeqId(0), output: i == rows - 1);
            }

            var result = NativeMethods.llama_decode(context, batch);
            NativeMethods.llama_memory_clear(_memory, 1);
            if (result != 0)
            {
                throw new LlamaException($"The warm-up decode failed with code {result}.");
            }
        }
    }

    /// <summary>Moves queued requests into idle slots, in order, while the head fits.</summary>
    private void Admit(long now)
    {
        while (_queue.TakeHeadIfFits(_allocator!.CountIdle(), now) is { } group)
        {
            AdmitGroup(group, now);
        }

        PublishIdleSlots();
    }

    private void PublishIdleSlots()
    {
        var idle = _allocator!.CountIdle();
        _queue.IdleSlots = idle;
        _counters.ActiveSequences = _slots.Length - idle;
        long kvTokens = 0, busyTokens = 0, positions = 0;
        var paused = 0;
        foreach (var slot in _slots)
        {
            kvTokens += slot.Tokens.Count;
            if (slot.State != SlotState.Idle)
            {
                busyTokens += slot.Tokens.Count;
                paused += slot.Handle!.IsStalled ? 1 : 0;
            }

            // What llama.cpp holds, read independently of the engine's own bookkeeping, so a leak shows.
            var last = NativeMethods.llama_memory_seq_pos_max(_memory, slot.SequenceId).Value;
            if (last >= 0)
            {
                positions += last - NativeMethods.llama_memory_seq_pos_min(_memory, slot.SequenceId).Value + 1;
            }
        }

        _counters.KvCacheTokens = kvTokens;
        _counters.BusyKvTokens = busyTokens;
        _counters.MemoryPositions = positions;
        _counters.PausedSequences = paused;
    }

    private void AdmitGroup(GenerationGroup group, long now)
    {
        Slot? leader = null;
        var cached = 0;
        foreach (var handle in group.Members)
        {
            var prompt = handle.Request.Prompt;
            if (handle.IsCancelled || handle.IsExpired(now))
            {
                var reason = handle.IsCancelled ? FinishReason.Cancelled : FinishReason.TimedOut;
                handle.Finish(new GenerationSummary(reason, prompt.Count, 0, 0));
                continue;
            }

            if (prompt.Count == 0 || prompt.Count >= ContextSize)
            {
                // The request side checks the window first; this guards the engine from a caller that did not.
                handle.Finish(new GenerationSummary(FinishReason.ContextFull, prompt.Count, 0, 0));
                continue;
            }

            SafeLlamaSamplerHandle sampler;
            SlotGrammar? grammar = null;
            try
            {
                sampler = SamplerChainFactory.Create(handle.Request.Sampling, _model.Tokenizer.VocabularySize);
                if (handle.Request.Grammar is { } constraint)
                {
                    try
                    {
                        grammar = new SlotGrammar(GrammarSamplerFactory.Create(constraint, _model.Handle.Vocab), constraint.Gate);
                    }
                    catch
                    {
                        sampler.Dispose();
                        throw;
                    }
                }
            }
            catch (LlamaException e)
            {
                // One request's bad sampler settings must not take the engine thread down.
                handle.Finish(new GenerationSummary(FinishReason.Failed, prompt.Count, 0, 0, e.Message));
                continue;
            }

            Slot slot;
            if (leader is null)
            {
                (slot, cached) = _allocator!.TakeLeader(prompt);
                slot.State = SlotState.Prefilling;
                slot.AdmittedAt = ++_clock;
                slot.CachedPromptTokens = cached;
                leader = slot;
                _counters.AddPromptCached(cached);
            }
            else
            {
                slot = _allocator!.TakeFollower();
                slot.State = SlotState.AwaitingPrompt;
                slot.Leader = leader;
                leader.Followers.Add(slot);
            }

            slot.Handle = handle;
            slot.Sampler = sampler;
            slot.Grammar = grammar;
            // Room for the whole sequence now, so the token list never grows inside a decode step.
            slot.Tokens.EnsureCapacity((int)Math.Min(ContextSize, (long)prompt.Count + handle.Request.MaxTokens));
            _counters.AddSequences(1);
        }

        if (leader is not null)
        {
            LogAdmitted(leader.SequenceId.Value, leader.Followers.Count + 1, leader.Handle!.Request.Prompt.Count, cached);
        }
    }

    /// <summary>Ends sequences whose client gave up or whose time ran out: their slots are free for this step's admissions.</summary>
    private void ReleaseAbandoned(long now)
    {
        foreach (var slot in _slots)
        {
            if (slot.State == SlotState.Idle)
            {
                continue;
            }

            var handle = slot.Handle!;
            if (handle.IsExpired(now))
            {
                Finish(slot, FinishReason.TimedOut, null);
            }
            else if (handle.IsCancelled && (slot.State != SlotState.Prefilling || AllFollowersCancelled(slot)))
            {
                // A leader still evaluating a prompt that other live choices wait for goes on; its own output is dropped.
                Finish(slot, FinishReason.Cancelled, null);
            }
        }
    }

    private static bool AllFollowersCancelled(Slot leader)
    {
        foreach (var follower in leader.Followers)
        {
            if (!follower.Handle!.IsCancelled)
            {
                return false;
            }
        }

        return true;
    }

    private bool AllIdle()
    {
        foreach (var slot in _slots)
        {
            if (slot.State != SlotState.Idle)
            {
                return false;
            }
        }

        return true;
    }

    private void Finish(Slot slot, FinishReason reason, string? error)
    {
        if (slot.State == SlotState.Prefilling)
        {
            // Choices waiting for this prompt cannot go on without it.
            for (var i = slot.Followers.Count - 1; i >= 0; i--)
            {
                var follower = slot.Followers[i];
                FinishOne(follower, follower.Handle!.IsCancelled ? FinishReason.Cancelled : reason, error);
            }
        }

        FinishOne(slot, reason, error);
    }

    private void FinishOne(Slot slot, FinishReason reason, string? error)
    {
        var handle = slot.Handle!;
        if (slot.State == SlotState.AwaitingPrompt)
        {
            slot.Leader?.Followers.Remove(slot);
        }

        if (reason == FinishReason.Failed)
        {
            _allocator?.Forget(slot); // after a failed decode its KV may not match its tokens
        }

        // Cancelled and timed-out sequences keep their KV too: it is reusable, and an idle slot's prefix
        // is freed as soon as a new request or a full cache needs the room.
        var summary = new GenerationSummary(reason, handle.Request.Prompt.Count, slot.CachedPromptTokens, slot.Generated, error);
        _counters.AddGenerated(slot.Generated);
        slot.LastUsed = ++_clock;
        slot.Release();
        handle.Finish(summary);
    }

    bool ISlotLifecycle.EvictIdle()
    {
        var freed = _allocator!.EvictIdle();
        if (freed)
        {
            LogEvictedForRoom();
        }

        return freed;
    }

    void ISlotLifecycle.Forget(Slot slot) => _allocator!.Forget(slot);

    void ISlotLifecycle.Finish(Slot slot, FinishReason reason, string? error) => Finish(slot, reason, error);

    private static string Describe(int threads) => threads > 0 ? threads.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"auto (1..{Environment.ProcessorCount})";

    [LoggerMessage(Level = LogLevel.Information, Message = "Context ready: {ContextSize} tokens, {Slots} slot(s), {Threads} decode / {BatchThreads} prompt thread(s), host prefix cache {HostCacheMiB} MiB")]
    private partial void LogContextCreated(int contextSize, int slots, string threads, string batchThreads, long hostCacheMiB);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Admitted into slot {Slot}: {Choices} choice(s), prompt {PromptTokens} tokens, {CachedTokens} cached")]
    private partial void LogAdmitted(int slot, int choices, int promptTokens, int cachedTokens);

    [LoggerMessage(Level = LogLevel.Information, Message = "The KV cache is full: idle slots' cached prefixes were evicted to host memory")]
    private partial void LogEvictedForRoom();

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine thread failed")]
    private partial void LogEngineFailed(Exception exception);
}
