namespace ReasoningServer.Protocol;

/// <summary>One key of <see cref="ApiKeyListDto"/>: what it may do and where it comes from.</summary>
internal sealed class ApiKeyDto
{
    public string Object => "organization.api_key";

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required bool Admin { get; init; }

    /// <summary>The models the key may use; empty means every model.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Null: the server's default limit.</summary>
    public required int? RequestsPerMinute { get; init; }

    public required int? TokensPerMinute { get; init; }

    /// <summary><c>configuration</c> (settings, <c>--api-key</c>, the key file) or <c>ledger</c> (the <c>keys</c> verb).</summary>
    public required string Source { get; init; }

    /// <summary>Unix seconds; null for keys from configuration.</summary>
    public required long? CreatedAt { get; init; }

    /// <summary>Unix seconds; revoked keys stay listed, for the usage history.</summary>
    public required long? RevokedAt { get; init; }
}
