using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>A test driver for the steering hook: after <paramref name="after"/> sampled tokens, the next
/// sampled token is replaced by <paramref name="forced"/> once.</summary>
internal sealed class ForceAfterSteering(int after, LlamaToken[] forced) : ITokenSteering
{
    private readonly LlamaToken[] _one = new LlamaToken[1];
    private int _seen;

    public ReadOnlySpan<LlamaToken> Steer(LlamaToken sampled)
    {
        if (_seen++ == after)
        {
            return forced;
        }

        _one[0] = sampled;
        return _one;
    }
}
