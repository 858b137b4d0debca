using ReasoningServer.Engine.Sampling;
using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Serving;

/// <summary>
/// What one choice produced since its last event: new thinking and/or answer text, pieces of tool calls,
/// logprobs of the visible tokens, and on its last event the finish reason.
/// </summary>
internal readonly record struct ChoiceEvent(
    int Index,
    string Reasoning,
    string Content,
    IReadOnlyList<TokenLogprob>? Logprobs,
    string? FinishReason,
    IReadOnlyList<ToolCallFragment>? ToolCalls = null)
{
    public bool HasText => Reasoning.Length > 0 || Content.Length > 0 || ToolCalls is { Count: > 0 };
}
