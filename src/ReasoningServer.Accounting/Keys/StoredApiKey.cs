namespace ReasoningServer.Accounting.Keys;

/// <summary>A key kept in the ledger database, with its life span (revoked keys stay, for the usage history).</summary>
internal sealed record StoredApiKey(ApiKey Key, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
