namespace ReasoningServer.Accounting.Ledger;

/// <summary>Sums over the records of one bucket (and one key / model when grouped by them).</summary>
/// <param name="Bucket">The bucket's index from the query's start.</param>
internal sealed record UsageTotals(
    long Bucket,
    string? ApiKeyId,
    string? Model,
    long Requests,
    long PromptTokens,
    long CachedTokens,
    long ReasoningTokens,
    long AnswerTokens,
    long CostPicoUsd);
