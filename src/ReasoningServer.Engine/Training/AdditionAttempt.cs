using ReasoningServer.Native;

namespace ReasoningServer.Engine.Training;

/// <summary>One greedy answer to a sum.</summary>
/// <param name="Thinking">Tokens generated inside the thinking section, the closing tag excluded.</param>
/// <param name="ClosedThinking">The model wrote <c>&lt;/think&gt;</c> itself (always false for direct answers and forced closes).</param>
/// <param name="AnswerText">The visible answer (after <c>&lt;/think&gt;</c>), without the end-of-turn token.</param>
public sealed record AdditionAttempt(
    AdditionProblem Problem,
    IReadOnlyList<LlamaToken> Thinking,
    bool ClosedThinking,
    string AnswerText,
    long? Answer)
{
    public bool IsCorrect => Answer == Problem.Sum;

    /// <summary>Reasoning tokens as the server counts them: the thinking plus its closing tag when the model wrote it.</summary>
    public int ReasoningTokens => Thinking.Count + (ClosedThinking ? 1 : 0);
}
