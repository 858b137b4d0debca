using ReasoningServer.Engine.Sampling;

namespace ReasoningServer.Serving;

/// <summary>
/// What one choice produced since its last event: new thinking and/or answer text, logprobs of the
/// visible tokens, and on its last event the finish reason.
/// </summary>
internal readonly record struct ChoiceEvent(
    int Index,
    string Reasoning,
    string Content,
    IReadOnlyList<TokenLogprob>? Logprobs,
    string? FinishReason)
{
    public bool HasText => Reasoning.Length > 0 || Content.Length > 0;
}
