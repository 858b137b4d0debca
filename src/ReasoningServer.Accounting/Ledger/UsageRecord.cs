using ReasoningServer.Accounting.Usage;

namespace ReasoningServer.Accounting.Ledger;

/// <summary>One request in the ledger. <see cref="RequestId"/> is the primary key: a request is never recorded twice.</summary>
/// <param name="ApiKeyId">The caller's key; null when the server is open.</param>
/// <param name="FinishReasons">One per choice, in index order (null for a choice that never finished).</param>
/// <param name="CostPicoUsd">The price table applied to <paramref name="Usage"/> when the request ended.</param>
internal sealed record UsageRecord(
    string RequestId,
    string? ApiKeyId,
    string Model,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    TokenUsage Usage,
    int Choices,
    IReadOnlyList<string?> FinishReasons,
    RequestOutcome Outcome,
    long CostPicoUsd);
