using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// Runs every sequence of one model through one llama.cpp context.
/// </summary>
/// <remarks>
/// Threading contract: the engine thread created here is the only thread that touches the context —
/// llama_decode, samplers, KV memory. Other threads only call <see cref="Submit"/> (a bounded channel)
/// and read their <see cref="GenerationHandle"/>. Each step builds ONE batch from all slots: one token
/// per generating sequence, then prompt chunks of prefilling ones up to <see cref="EngineOptions.BatchSize"/>,
/// decodes it once and samples every sequence that has an output row.
/// </remarks>
public sealed partial class InferenceEngine : IDisposable
{
    private readonly LoadedModel _model;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<GenerationHandle> _queue;
    private readonly Slot[] _slots;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SafeLlamaContextHandle? _context;
    private nint _memory;

    public InferenceEngine(LoadedModel model, EngineOptions options, ILogger<InferenceEngine> logger)
    {
        _model = model;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<GenerationHandle>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _slots = Enumerable.Range(0, options.Slots).Select(i => new Slot(i)).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "inference-engine" };
    }

    public LoadedModel Model => _model;

    /// <summary>The context window in tokens, as llama.cpp allocated it.</summary>
    public int ContextSize { get; private set; }

    /// <summary>Creates the context on the engine thread and starts stepping.</summary>
    public Task StartAsync()
    {
        _thread.Start();
        return _started.Task;
    }

    /// <summary>Queues a request; throws <see cref="EngineQueueFullException"/> rather than waiting without bound.</summary>
    public GenerationHandle Submit(GenerationRequest request)
    {
        var handle = new GenerationHandle(request);
        if (!_queue.Writer.TryWrite(handle))
        {
            // The writer is completed when the engine thread ends; otherwise the queue is simply full.
            throw _queue.Reader.Completion.IsCompleted || _stopping.IsCancellationRequested
                ? new EngineUnavailableException()
                : new EngineQueueFullException(_options.QueueCapacity);
        }

        return handle;
    }

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _queue.Writer.TryComplete();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

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
            return;
        }

        var batch = NativeMethods.llama_batch_init(_options.BatchSize, 0, 1);
        try
        {
            WarmUp(batch);
            _started.TrySetResult();
            var stepper = new BatchStepper(_context, _model, batch, _options.BatchSize, ContextSize);
            Action<Slot, FinishReason, string?> finish = Finish; // one delegate, not one per step
            while (!_stopping.IsCancellationRequested)
            {
                ReleaseCancelled();
                Admit();
                if (AllIdle())
                {
                    WaitForWork();
                    continue;
                }

                stepper.Step(_slots, finish);
            }
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            LogEngineFailed(e);
            foreach (var slot in _slots.Where(s => s.State != SlotState.Idle))
            {
                Finish(slot, FinishReason.Failed, e.Message);
            }
        }
        finally
        {
            _queue.Writer.TryComplete(); // from now on Submit refuses instead of queueing for nobody
            foreach (var slot in _slots.Where(s => s.State != SlotState.Idle))
            {
                Finish(slot, FinishReason.Cancelled);
            }

            while (_queue.Reader.TryRead(out var waiting))
            {
                waiting.Finish(new GenerationSummary(FinishReason.Cancelled, waiting.Request.Prompt.Count, 0, 0));
            }

            NativeMethods.llama_batch_free(batch);
            _context.Dispose();
        }
    }

    private SafeLlamaContextHandle CreateContext()
    {
        var parameters = NativeMethods.llama_context_default_params();
        parameters.n_ctx = (uint)_options.ContextSize;
        parameters.n_batch = (uint)_options.BatchSize;
        parameters.n_ubatch = (uint)_options.BatchSize;
        parameters.n_seq_max = (uint)_options.Slots;
        parameters.n_threads = _options.EffectiveThreads;
        parameters.n_threads_batch = _options.EffectiveBatchThreads;
        parameters.no_perf = 0;
        // One cache shared by all sequences: any single request may use the whole window.
        parameters.kv_unified = 1;
        var context = SafeLlamaContextHandle.Create(_model.Handle, parameters);
        ContextSize = (int)NativeMethods.llama_n_ctx(context.DangerousGetHandle());
        _memory = NativeMethods.llama_get_memory(context.DangerousGetHandle());
        LogContextCreated(ContextSize, _options.Slots, _options.EffectiveThreads, _options.EffectiveBatchThreads);
        return context;
    }

    /// <summary>
    /// One throwaway decode before the first request, as llama-server does: it builds the compute graph
    /// and touches the weights, so the first client does not pay for that in its time to first token.
    /// </summary>
    private void WarmUp(LlamaBatch batch)
    {
        batch.n_tokens = 0;
        batch.Add(new LlamaToken(0), new LlamaPos(0), new LlamaSeqId(0), output: true);
        var result = NativeMethods.llama_decode(_context!.DangerousGetHandle(), batch);
        NativeMethods.llama_memory_clear(_memory, 1);
        if (result != 0)
        {
            throw new LlamaException($"The warm-up decode failed with code {result}.");
        }
    }

    private void Admit()
    {
        foreach (var slot in _slots)
        {
            if (slot.State != SlotState.Idle || !_queue.Reader.TryRead(out var handle))
            {
                continue;
            }

            if (handle.IsCancelled)
            {
                handle.Finish(new GenerationSummary(FinishReason.Cancelled, handle.Request.Prompt.Count, 0, 0));
                continue;
            }

            if (handle.Request.Prompt.Count == 0 || handle.Request.Prompt.Count >= ContextSize)
            {
                // The request side checks the window first; this guards the engine from a caller that did not.
                handle.Finish(new GenerationSummary(FinishReason.ContextFull, handle.Request.Prompt.Count, 0, 0));
                continue;
            }

            SafeLlamaSamplerHandle sampler;
            try
            {
                sampler = SamplerChainFactory.Create(handle.Request.Sampling, _model.Tokenizer.VocabularySize);
            }
            catch (LlamaException e)
            {
                // One request's bad sampler settings must not take the engine thread down.
                handle.Finish(new GenerationSummary(FinishReason.Failed, handle.Request.Prompt.Count, 0, 0, e.Message));
                continue;
            }

            NativeMethods.llama_memory_seq_rm(_memory, slot.SequenceId, new LlamaPos(-1), new LlamaPos(-1));
            slot.Handle = handle;
            slot.Sampler = sampler;
            slot.State = SlotState.Prefilling;
        }
    }

    private void ReleaseCancelled()
    {
        foreach (var slot in _slots)
        {
            if (slot.State != SlotState.Idle && slot.Handle!.IsCancelled)
            {
                Finish(slot, FinishReason.Cancelled);
            }
        }
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

    private void WaitForWork()
    {
        try
        {
            _queue.Reader.WaitToReadAsync(_stopping.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void Finish(Slot slot, FinishReason reason, string? error = null)
    {
        var handle = slot.Handle!;
        // Free the sequence's KV now, so a cancelled request costs nothing from the next step on.
        NativeMethods.llama_memory_seq_rm(_memory, slot.SequenceId, new LlamaPos(-1), new LlamaPos(-1));
        var summary = new GenerationSummary(reason, handle.Request.Prompt.Count, 0, slot.Generated, error);
        slot.Reset();
        handle.Finish(summary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Context ready: {ContextSize} tokens, {Slots} slot(s), {Threads} decode / {BatchThreads} prompt thread(s)")]
    private partial void LogContextCreated(int contextSize, int slots, int threads, int batchThreads);

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine thread failed")]
    private partial void LogEngineFailed(Exception exception);
}
