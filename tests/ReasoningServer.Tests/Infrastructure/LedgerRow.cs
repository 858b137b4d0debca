namespace ReasoningServer.Tests.Infrastructure;

/// <summary>One row of <c>usage_records</c>, read with plain SQL.</summary>
public sealed record LedgerRow(
    string RequestId,
    string? ApiKeyId,
    string Model,
    long StartedAtMs,
    long FinishedAtMs,
    int PromptTokens,
    int CachedTokens,
    int ReasoningTokens,
    int AnswerTokens,
    int Choices,
    string FinishReasons,
    string Outcome,
    long CostPicoUsd)
{
    public int CompletionTokens => ReasoningTokens + AnswerTokens;
}
