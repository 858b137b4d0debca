namespace ReasoningServer.Accounting.Keys;

/// <summary>
/// A caller's credential as the server knows it: never the secret itself, only its SHA-256, plus what the
/// key may do. <see cref="Models"/> empty = every model; null limits = the server's defaults.
/// </summary>
internal sealed record ApiKey(
    string Id,
    string Name,
    byte[] Sha256,
    bool IsAdmin,
    IReadOnlyList<string> Models,
    int? RequestsPerMinute,
    int? TokensPerMinute)
{
    public bool AllowsModel(string model) => Models.Count == 0 || Models.Contains(model, StringComparer.Ordinal);
}
