using System.Diagnostics;
using System.Threading.Channels;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// The request side's view of one sequence (like llama-server's response reader): tokens as they are
/// sampled, then a summary. Disposing it cancels the sequence; the engine frees its slot at the next step.
/// </summary>
public sealed class GenerationHandle : IDisposable
{
    // Unbounded so the engine thread never waits on a slow reader; max_tokens bounds it.
    private readonly Channel<GeneratedToken> _tokens = Channel.CreateUnbounded<GeneratedToken>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<GenerationSummary> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _cancelled;

    internal GenerationHandle(GenerationRequest request)
    {
        Request = request;
        Deadline = request.Timeout is { } timeout
            ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
    }

    public GenerationRequest Request { get; }

    public ChannelReader<GeneratedToken> Tokens => _tokens.Reader;

    /// <summary>Completes after the last token, when the engine has released the sequence.</summary>
    public Task<GenerationSummary> Completion => _summary.Task;

    internal bool IsCancelled => _cancelled;

    /// <summary><see cref="Stopwatch"/> timestamp after which the sequence times out.</summary>
    internal long Deadline { get; }

    internal bool IsExpired(long now) => now > Deadline;

    public void Cancel() => _cancelled = true;

    public void Dispose() => Cancel();

    internal void Publish(GeneratedToken token) => _tokens.Writer.TryWrite(token);

    internal void Finish(GenerationSummary summary)
    {
        _tokens.Writer.TryComplete();
        _summary.TrySetResult(summary);
    }
}
