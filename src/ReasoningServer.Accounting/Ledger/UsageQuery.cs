namespace ReasoningServer.Accounting.Ledger;

/// <summary>
/// Which records to sum and how: requests started in [<see cref="Start"/>, <see cref="End"/>), in buckets of
/// <see cref="BucketWidth"/> counted from <see cref="Start"/>, optionally split by key and/or model.
/// </summary>
/// <param name="ApiKeyIds">Only these keys (empty: all).</param>
/// <param name="Models">Only these models (empty: all).</param>
internal sealed record UsageQuery(
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeSpan BucketWidth,
    bool GroupByApiKey,
    bool GroupByModel,
    IReadOnlyList<string> ApiKeyIds,
    IReadOnlyList<string> Models);
