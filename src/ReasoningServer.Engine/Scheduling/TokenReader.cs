using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// The reading end of a sequence's tokens: every token taken tells the handle, so the engine knows how many are
/// still unread and pauses the sequence while too many are (<see cref="EngineOptions.MaxUnreadTokens"/>).
/// </summary>
internal sealed class TokenReader(ChannelReader<GeneratedToken> inner, GenerationHandle handle) : ChannelReader<GeneratedToken>
{
    public override Task Completion => inner.Completion;

    public override bool TryRead([MaybeNullWhen(false)] out GeneratedToken item)
    {
        if (!inner.TryRead(out item))
        {
            return false;
        }

        handle.Taken();
        return true;
    }

    public override bool TryPeek([MaybeNullWhen(false)] out GeneratedToken item) => inner.TryPeek(out item);

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);
}
