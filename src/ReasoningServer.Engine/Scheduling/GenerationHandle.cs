using System.Diagnostics;
using System.Threading.Channels;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// The request side's view of one sequence (like llama-server's response reader): tokens as they are
/// sampled, then a summary. Disposing it cancels the sequence; the engine frees its slot at the next step.
/// </summary>
/// <remarks>
/// Its buffer is bounded without the engine thread ever waiting on it: the engine stops decoding the sequence
/// while <see cref="Unread"/> is at the bound and goes on once the reader has taken a token (see
/// <see cref="EngineOptions.MaxUnreadTokens"/>); a slow client therefore holds a slot, not memory, and no other
/// sequence waits for it.
/// </remarks>
public sealed class GenerationHandle : IDisposable
{
    // Unbounded so that a write never fails or waits; the engine's pause bounds what it holds (Unread).
    private readonly Channel<GeneratedToken> _tokens = Channel.CreateUnbounded<GeneratedToken>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<GenerationSummary> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _maxUnread;
    private readonly Action _wake;
    private volatile bool _cancelled;
    private int _unread;

    internal GenerationHandle(GenerationRequest request, int maxUnread = int.MaxValue, Action? wake = null)
    {
        Request = request;
        _maxUnread = maxUnread;
        _wake = wake ?? (static () => { });
        Tokens = new TokenReader(_tokens.Reader, this);
        Deadline = request.Timeout is { } timeout
            ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
    }

    public GenerationRequest Request { get; }

    public ChannelReader<GeneratedToken> Tokens { get; }

    /// <summary>Tokens published and not yet read, from any thread.</summary>
    public int Unread => Volatile.Read(ref _unread);

    /// <summary>The reader is this far behind: the engine decodes nothing more for the sequence until it reads.</summary>
    internal bool IsStalled => Unread >= _maxUnread;

    /// <summary>Completes after the last token, when the engine has released the sequence.</summary>
    public Task<GenerationSummary> Completion => _summary.Task;

    internal bool IsCancelled => _cancelled;

    /// <summary><see cref="Stopwatch"/> timestamp after which the sequence times out.</summary>
    internal long Deadline { get; }

    internal bool IsExpired(long now) => now > Deadline;

    public void Cancel()
    {
        _cancelled = true;
        _wake(); // a paused sequence is released at once, not at the engine's next nap's end
    }

    public void Dispose() => Cancel();

    internal void Publish(GeneratedToken token)
    {
        Interlocked.Increment(ref _unread);
        _tokens.Writer.TryWrite(token);
    }

    /// <summary>The reader took a token; the one that ends a pause wakes the engine.</summary>
    internal void Taken()
    {
        if (Interlocked.Decrement(ref _unread) == _maxUnread - 1)
        {
            _wake();
        }
    }

    internal void Finish(GenerationSummary summary)
    {
        _tokens.Writer.TryComplete();
        _summary.TrySetResult(summary);
    }
}
