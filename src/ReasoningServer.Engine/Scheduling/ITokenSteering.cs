using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// Per-sequence steering on token ids (thinking budgets): it sees every sampled token and decides what
/// enters the sequence instead. Runs on the engine thread between sampling and the next decode, so an
/// implementation must be cheap and allocation-free per token.
/// </summary>
public interface ITokenSteering
{
    /// <summary>The tokens that enter the sequence for this step, in order: normally just
    /// <paramref name="sampled"/>; a forced sequence replaces it. Every returned token counts as generated.
    /// The span is only valid until the next call.</summary>
    ReadOnlySpan<LlamaToken> Steer(LlamaToken sampled);
}
