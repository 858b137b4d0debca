using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ReasoningServer.Accounting.Usage;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Errors;

namespace ReasoningServer.Serving;

/// <summary>
/// The choices of one request, submitted together and read as one stream of events. Disposing it
/// cancels every sequence still running (client gone, error). A test-time request with early stopping starts
/// only some of its choices and launches the rest as its vote needs them (<see cref="Launch"/>).
/// </summary>
internal sealed class CompletionRun : IDisposable
{
    /// <summary>Events of the n &gt; 1 path buffered per choice between its forwarder and the client.</summary>
    private const int EventsPerChoice = 8;

    private readonly CompletionJob _job;
    private readonly TimeSpan? _timeout;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly GenerationHandle?[] _handles;
    private readonly ChoiceDecoder?[] _decoders;
    private readonly bool[] _withdrawn;
    private readonly string?[] _finishReasons;
    // Several choices are read through one channel, each forwarded by its own task once launched and reading.
    // Bounded, so a slow client holds back the forwarders, whose sequences the engine then pauses (MaxUnreadTokens).
    private readonly Channel<ChoiceEvent> _events;
    private readonly List<Task> _forwarding = [];
    private CancellationToken _reading;
    private bool _readingStarted;
    private int _unended;

    private CompletionRun(CompletionJob job, TimeSpan? timeout)
    {
        _job = job;
        _timeout = timeout;
        _handles = new GenerationHandle?[job.Choices];
        _decoders = new ChoiceDecoder?[job.Choices];
        _withdrawn = new bool[job.Choices];
        _finishReasons = new string?[job.Choices];
        _unended = job.Choices;
        _events = Channel.CreateBounded<ChoiceEvent>(new BoundedChannelOptions(EventsPerChoice * job.Choices) { SingleReader = true });
    }

    /// <summary>
    /// Awaited once after the last event of a run that ran to its end, before the caller writes its final
    /// bytes: the ledger makes the request's record durable here (see <c>RequestBilling</c>).
    /// </summary>
    public Func<CancellationToken, Task>? Completing { get; set; }

    /// <summary>Each choice's finish reason so far, in index order.</summary>
    public IReadOnlyList<string?> FinishReasons => _finishReasons;

    /// <summary>Choices neither submitted nor withdrawn.</summary>
    public int NotStarted => Enumerable.Range(0, _job.Choices).Count(IsWaiting);

    /// <summary>Submits the first <paramref name="launch"/> choices (all by default); 429 when the engine's queue cannot take them.</summary>
    /// <param name="timeout">The server's time limit for the request, waiting in the queue included; null: none.</param>
    public static CompletionRun Start(CompletionJob job, TimeSpan? timeout = null, int? launch = null)
    {
        var run = new CompletionRun(job, timeout);
        run.Launch(launch ?? job.Choices);
        return run;
    }

    /// <summary>Submits the next <paramref name="count"/> choices not yet started, in index order.</summary>
    /// <remarks>
    /// Choices go to the engine in groups of at most its slot count: each group's prompt is evaluated once and
    /// copied to its choices. With more choices than slots the later groups wait for free slots, and then find
    /// the prompt in the prefix cache, so it is still not evaluated again — also when launched later.
    /// </remarks>
    public void Launch(int count)
    {
        var next = Enumerable.Range(0, _job.Choices).Where(IsWaiting).Take(count).ToArray();
        var engine = _job.Model.Engine;
        // A later launch gets what is left of the request's time limit, not a fresh one.
        var timeout = _timeout is { } limit ? (TimeSpan?)Max(TimeSpan.Zero, limit - Stopwatch.GetElapsedTime(_started)) : null;
        try
        {
            foreach (var group in next.Chunk(engine.Slots))
            {
                var requests = group.Select(i => Request(i, timeout)).ToArray();
                var handles = engine.SubmitGroup(requests);
                for (var g = 0; g < group.Length; g++)
                {
                    Started(group[g], handles[g]);
                }
            }
        }
        catch (EngineQueueFullException)
        {
            Dispose();
            throw OpenAIException.QueueFull(retryAfterSeconds: 1);
        }
        catch (EngineUnavailableException e)
        {
            Dispose();
            throw new OpenAIException(StatusCodes.Status503ServiceUnavailable, "server_error", e.Message) { RetryAfterSeconds = 5 };
        }
    }

    private GenerationRequest Request(int index, TimeSpan? timeout)
    {
        // Distinct seeds per choice, still reproducible when the request fixed one; steering keeps state, so one per choice.
        var sampling = _job.Sampling.Seed is { } seed ? _job.Sampling with { Seed = unchecked(seed + (uint)index) } : _job.Sampling;
        var steering = _job.Model.Thinking.CreateSteering(_job.ThinkingBudget, _job.ThinkingOpenedByPrompt);
        return new GenerationRequest(_job.Prompt, sampling, _job.MaxTokens, LogprobsFor(_job), steering, timeout, _job.Grammar);
    }

    private void Started(int index, GenerationHandle handle)
    {
        _handles[index] = handle;
        _decoders[index] = new ChoiceDecoder(_job, index, handle);
        if (_readingStarted)
        {
            Forward(index);
        }
    }

    private bool IsWaiting(int index) => _handles[index] is null && !_withdrawn[index];

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The request's logprobs; a test-time request always takes the sampled tokens' ones, which score its samples.</summary>
    private static int? LogprobsFor(CompletionJob job) => job.TopLogprobs ?? (job.TestTime is null ? null : 0);

    /// <summary>One choice's thinking and answer tokens so far (none for a choice never started).</summary>
    public (int Reasoning, int Answer) Tokens(int index) =>
        _decoders[index] is { } decoder ? (decoder.ReasoningTokens, decoder.AnswerTokens) : (0, 0);

    /// <summary>
    /// Cancels one choice (a test-time sample no longer needed): a running one is freed by the engine at its next
    /// step and still ends its events; one never started is withdrawn and sends none.
    /// </summary>
    public void Cancel(int index)
    {
        if (_handles[index] is { } handle)
        {
            handle.Cancel();
        }
        else if (!_withdrawn[index])
        {
            _withdrawn[index] = true;
            ChoiceEnded(failure: null);
        }
    }

    public TokenUsage Usage => new(
        _job.Prompt.Count,
        _decoders[0]?.CachedTokens ?? 0,
        _decoders.Sum(d => d?.ReasoningTokens ?? 0),
        _decoders.Sum(d => d?.AnswerTokens ?? 0));

    /// <summary>Runs every choice to its end and returns them whole, in index order.</summary>
    public async Task<ChoiceAccumulator[]> CollectAsync(CancellationToken cancellationToken)
    {
        var choices = Enumerable.Range(0, _job.Choices).Select(_ => new ChoiceAccumulator()).ToArray();
        await foreach (var item in ReadAllAsync(cancellationToken))
        {
            choices[item.Index].Add(item);
        }

        return choices;
    }

    /// <summary>Events of all choices as they come; throws if generation failed.</summary>
    public async IAsyncEnumerable<ChoiceEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ReadEventsAsync(cancellationToken))
        {
            _finishReasons[item.Index] = item.FinishReason ?? _finishReasons[item.Index];
            yield return item;
        }

        if (Completing is { } completing)
        {
            await completing(cancellationToken);
        }
    }

    private async IAsyncEnumerable<ChoiceEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_decoders is [{ } only])
        {
            // The common case reads its one sequence directly: no extra task or channel hop per token.
            await foreach (var item in only.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }

            yield break;
        }

        _reading = cancellationToken;
        _readingStarted = true;
        for (var i = 0; i < _decoders.Length; i++)
        {
            if (_decoders[i] is not null)
            {
                Forward(i);
            }
        }

        await foreach (var item in _events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }

        await Task.WhenAll(_forwarding); // surfaces a failure that completed the channel
    }

    private void Forward(int index)
    {
        var decoder = _decoders[index]!;
        var forwarding = Task.Run(() => ForwardAsync(decoder, _events.Writer, _reading), _reading);
        _forwarding.Add(forwarding);
        _ = forwarding.ContinueWith(t => ChoiceEnded(t.Exception?.InnerException), TaskScheduler.Default);
    }

    /// <summary>A choice sent its last event (or was withdrawn); after the last one, or a failure, reading ends.</summary>
    private void ChoiceEnded(Exception? failure)
    {
        if (failure is not null)
        {
            _events.Writer.TryComplete(failure);
        }
        else if (Interlocked.Decrement(ref _unended) == 0)
        {
            _events.Writer.TryComplete();
        }
    }

    private static async Task ForwardAsync(ChoiceDecoder decoder, ChannelWriter<ChoiceEvent> events, CancellationToken cancellationToken)
    {
        await foreach (var item in decoder.ReadAllAsync(cancellationToken))
        {
            await events.WriteAsync(item, cancellationToken);
        }
    }

    /// <summary>
    /// For a run that ends early (client gone, failure): cancels every sequence still running, waits until the
    /// engine has released them (it does so at its next step), and counts the tokens they generated that nobody
    /// read, so <see cref="Usage"/> holds everything the engine produced. Waits at most <paramref name="most"/>.
    /// </summary>
    public async Task SettleAsync(TimeSpan most)
    {
        Dispose();
        try
        {
            // The forwarders of n > 1 read the decoders; they end on the request's cancellation.
            await Task.WhenAll(_forwarding).WaitAsync(most);
        }
        catch (TimeoutException)
        {
            return; // still reading: counting beside them would race
        }
        catch (Exception)
        {
            // a forwarder's failure is the run's, surfaced by the reader
        }

        for (var i = 0; i < _handles.Length; i++)
        {
            if (_handles[i] is { } handle && _decoders[i] is { } decoder)
            {
                try
                {
                    await handle.Completion.WaitAsync(most);
                }
                catch (TimeoutException)
                {
                    continue;
                }

                decoder.CountUnread();
            }
        }
    }

    public void Dispose()
    {
        foreach (var handle in _handles)
        {
            handle?.Cancel();
        }

        // A forwarder waiting for room in the bounded channel nobody reads any more ends instead of waiting forever.
        _events.Writer.TryComplete();
    }
}
