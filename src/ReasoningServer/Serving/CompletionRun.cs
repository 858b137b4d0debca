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
    public static CompletionRun Start(CompletionJob job)
    {
        var handles = new List<GenerationHandle>(job.Choices);
        try
        {
            for (var i = 0; i < job.Choices; i++)
            {
                // Distinct seeds per choice, still reproducible when the request fixed one.
                var sampling = job.Sampling.Seed is { } seed ? job.Sampling with { Seed = unchecked(seed + (uint)i) } : job.Sampling;
                var steering = job.Model.Thinking.CreateSteering(job.ThinkingBudget, job.ThinkingOpenedByPrompt);
                handles.Add(job.Model.Engine.Submit(new GenerationRequest(job.Prompt, sampling, job.MaxTokens, job.TopLogprobs, steering)));
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

    public TokenUsage Usage => new(
        _job.Prompt.Count,
        _decoders[0].CachedTokens,
        _decoders.Sum(d => d.ReasoningTokens),
        _decoders.Sum(d => d.AnswerTokens));

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
