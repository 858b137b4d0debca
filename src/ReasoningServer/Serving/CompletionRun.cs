using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ReasoningServer.Accounting.Usage;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Errors;

namespace ReasoningServer.Serving;

/// <summary>
/// The choices of one request, submitted together and read as one stream of events. Disposing it
/// cancels every sequence still running (client gone, error).
/// </summary>
internal sealed class CompletionRun : IDisposable
{
    private readonly CompletionJob _job;
    private readonly GenerationHandle[] _handles;
    private readonly ChoiceDecoder[] _decoders;
    private readonly string?[] _finishReasons;

    private CompletionRun(CompletionJob job, GenerationHandle[] handles)
    {
        _job = job;
        _handles = handles;
        _decoders = handles.Select((h, i) => new ChoiceDecoder(job, i, h)).ToArray();
        _finishReasons = new string?[handles.Length];
    }

    /// <summary>
    /// Awaited once after the last event of a run that ran to its end, before the caller writes its final
    /// bytes: the ledger makes the request's record durable here (see <c>RequestBilling</c>).
    /// </summary>
    public Func<CancellationToken, Task>? Completing { get; set; }

    /// <summary>Each choice's finish reason so far, in index order.</summary>
    public IReadOnlyList<string?> FinishReasons => _finishReasons;

    /// <summary>Submits all choices; 429 when the engine's queue cannot take them.</summary>
    /// <param name="timeout">The server's time limit for the request, waiting in the queue included; null: none.</param>
    /// <remarks>
    /// Choices go to the engine in groups of at most its slot count: each group's prompt is evaluated once and
    /// copied to its choices. With n above the slot count the later groups wait for free slots, and then find
    /// the prompt in the prefix cache, so it is still not evaluated again.
    /// </remarks>
    public static CompletionRun Start(CompletionJob job, TimeSpan? timeout = null)
    {
        var handles = new List<GenerationHandle>(job.Choices);
        var engine = job.Model.Engine;
        try
        {
            for (var first = 0; first < job.Choices; first += engine.Slots)
            {
                var group = new GenerationRequest[Math.Min(engine.Slots, job.Choices - first)];
                for (var g = 0; g < group.Length; g++)
                {
                    var i = first + g;
                    // Distinct seeds per choice, still reproducible when the request fixed one; steering keeps state, so one per choice.
                    var sampling = job.Sampling.Seed is { } seed ? job.Sampling with { Seed = unchecked(seed + (uint)i) } : job.Sampling;
                    var steering = job.Model.Thinking.CreateSteering(job.ThinkingBudget, job.ThinkingOpenedByPrompt);
                    group[g] = new GenerationRequest(job.Prompt, sampling, job.MaxTokens, LogprobsFor(job), steering, timeout);
                }

                handles.AddRange(engine.SubmitGroup(group));
            }
        }
        catch (EngineQueueFullException)
        {
            handles.ForEach(h => h.Cancel());
            throw OpenAIException.QueueFull(retryAfterSeconds: 1);
        }
        catch (EngineUnavailableException e)
        {
            handles.ForEach(h => h.Cancel());
            throw new OpenAIException(StatusCodes.Status503ServiceUnavailable, "server_error", e.Message) { RetryAfterSeconds = 5 };
        }

        return new CompletionRun(job, [.. handles]);
    }

    /// <summary>The request's logprobs; a test-time request always takes the sampled tokens' ones, which score its samples.</summary>
    private static int? LogprobsFor(CompletionJob job) => job.TopLogprobs ?? (job.TestTime is null ? null : 0);

    /// <summary>One choice's thinking and answer tokens so far.</summary>
    public (int Reasoning, int Answer) Tokens(int index) => (_decoders[index].ReasoningTokens, _decoders[index].AnswerTokens);

    /// <summary>Cancels one choice (a test-time sample no longer needed); the engine frees its sequence at its next step.</summary>
    public void Cancel(int index) => _handles[index].Cancel();

    public TokenUsage Usage => new(
        _job.Prompt.Count,
        _decoders[0].CachedTokens,
        _decoders.Sum(d => d.ReasoningTokens),
        _decoders.Sum(d => d.AnswerTokens));

    /// <summary>
    /// How each choice ended in the engine, with the tokens it generated — also when the client went away or the
    /// request timed out, so what was computed can still be accounted for.
    /// </summary>
    public Task<GenerationSummary[]> Summaries => Task.WhenAll(_handles.Select(h => h.Completion));

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
        if (_decoders is [var only])
        {
            // The common case reads its one sequence directly: no extra task or channel hop per token.
            await foreach (var item in only.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }

            yield break;
        }

        var events = Channel.CreateUnbounded<ChoiceEvent>(new UnboundedChannelOptions { SingleReader = true });
        var decoding = Task.WhenAll(_decoders.Select(d => Task.Run(() => ForwardAsync(d, events.Writer, cancellationToken), cancellationToken)));
        _ = decoding.ContinueWith(t => events.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var item in events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }

        await decoding; // surfaces a failure that completed the channel
    }

    private static async Task ForwardAsync(ChoiceDecoder decoder, ChannelWriter<ChoiceEvent> events, CancellationToken cancellationToken)
    {
        await foreach (var item in decoder.ReadAllAsync(cancellationToken))
        {
            await events.WriteAsync(item, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var handle in _handles)
        {
            handle.Cancel();
        }
    }
}
