using System.Diagnostics;
using System.Runtime.CompilerServices;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Errors;
using ReasoningServer.Reasoning.Splitting;
using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Serving;

/// <summary>
/// Turns one sequence's tokens into what the client sees: UTF-8-safe text, split into thinking and answer,
/// cut at stop sequences, with logprobs of the visible tokens. Runs on the request side, off the engine thread.
/// </summary>
internal sealed class ChoiceDecoder(CompletionJob job, int index, GenerationHandle handle)
{
    private readonly Utf8TokenDecoder _text = new(job.Model.Tokenizer);
    private readonly ReasoningSplitter _splitter = new(job.Model.ReasoningFormat, job.ThinkingOpenedByPrompt);
    private readonly StopSequenceMatcher _stops = new(job.Stop);
    // Raw output is shown as generated, markup included; otherwise calls are read out of the answer.
    private readonly ToolCallParser? _tools = job.Tools is { } tools && job.Display != ReasoningDisplay.Raw
        ? new ToolCallParser(job.Model.ToolCalls, tools.Names)
        : null;
    private readonly long _submitted = Stopwatch.GetTimestamp();

    public int ReasoningTokens => _splitter.ReasoningTokens;

    public int AnswerTokens => _splitter.AnswerTokens;

    public int CachedTokens { get; private set; }

    /// <summary>The choice's events as its tokens arrive; the last one carries the finish reason.</summary>
    public async IAsyncEnumerable<ChoiceEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var previous = 0L;
        await foreach (var token in handle.Tokens.ReadAllAsync(cancellationToken))
        {
            var arrived = Stopwatch.GetTimestamp();
            if (previous == 0)
            {
                job.Model.Metrics.FirstToken(Stopwatch.GetElapsedTime(_submitted, arrived));
            }
            else
            {
                job.Model.Metrics.NextToken(Stopwatch.GetElapsedTime(previous, arrived));
            }

            previous = arrived;
            var answerBefore = AnswerTokens;
            var update = Present(token.IsEndOfGeneration ? string.Empty : _text.Decode(token.Token), flush: false);
            var visibleToken = job.Display == ReasoningDisplay.Raw || AnswerTokens > answerBefore;
            var logprobs = visibleToken && token.Logprob is { } logprob && !token.IsEndOfGeneration ? new[] { logprob } : null;
            if (update.HasText || logprobs is not null)
            {
                yield return update with { Logprobs = logprobs };
            }

            if (_stops.Stopped)
            {
                handle.Cancel(); // the engine frees the sequence at its next step
                yield return new ChoiceEvent(index, string.Empty, string.Empty, null, "stop");
                yield break;
            }
        }

        var summary = await handle.Completion.WaitAsync(cancellationToken);
        CachedTokens = summary.CachedTokens;
        if (summary.Reason == FinishReason.Failed)
        {
            throw new InvalidOperationException(summary.Error ?? "Generation failed.");
        }

        if (summary.Reason == FinishReason.TimedOut && summary.GeneratedTokens == 0 && job.Choices == 1)
        {
            // Nothing to return: the server was too busy to start in time, which a client may retry. (With n > 1
            // a choice that never started ends empty with "length", beside the others' output.)
            throw OpenAIException.Timeout();
        }

        var rest = Present(_text.Flush(), flush: true);
        // A server time limit cuts the output short like a token limit does; a turn that ended on calls asks for their results.
        var finishReason = summary.Reason is FinishReason.MaxTokens or FinishReason.ContextFull or FinishReason.TimedOut ? "length"
            : _tools is { Calls.Count: > 0 } ? "tool_calls"
            : "stop";
        yield return rest with { FinishReason = finishReason };
    }

    /// <summary>
    /// Counts, as thinking or answer, the tokens the engine generated that the client never read (it left
    /// between two reads, or while the sequence was still running). Only once reading has stopped.
    /// </summary>
    public void CountUnread()
    {
        while (handle.Tokens.TryRead(out var token))
        {
            Present(token.IsEndOfGeneration ? string.Empty : _text.Decode(token.Token), flush: false);
        }

        _splitter.Flush(_text.Flush());
    }

    private ChoiceEvent Present(string text, bool flush)
    {
        var part = flush ? _splitter.Flush(text) : _splitter.Push(text);

        var (reasoning, content) = job.Display switch
        {
            ReasoningDisplay.Raw => (string.Empty, text),
            ReasoningDisplay.ReasoningContent => (part.Reasoning, part.Answer),
            _ => (string.Empty, part.Answer),
        };

        IReadOnlyList<ToolCallFragment>? calls = null;
        if (_tools is not null)
        {
            var delta = flush ? Concat(_tools.Push(content), _tools.Finish()) : _tools.Push(content);
            (content, calls) = (delta.Content, delta.Fragments.Count > 0 ? delta.Fragments : null);
        }

        content = _stops.Push(content);
        if (flush)
        {
            content += _stops.Flush();
        }

        return new ChoiceEvent(index, reasoning, content, null, null, calls);
    }

    private static ToolCallDelta Concat(ToolCallDelta first, ToolCallDelta second) =>
        first.IsEmpty ? second : second.IsEmpty ? first : new ToolCallDelta(first.Content + second.Content, [.. first.Fragments, .. second.Fragments]);
}
