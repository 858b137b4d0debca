namespace ReasoningServer.Fuzzing;

/// <summary>What came back for one case.</summary>
/// <param name="Status">Null when no status line came: the connection was closed or reset first, or the wait ran out.</param>
/// <param name="Failure">For a null status: <c>closed</c>, <c>reset</c> or <c>timeout</c>.</param>
public sealed record FuzzOutcome(int? Status, string? ContentType, byte[] Body, string? Failure, TimeSpan Elapsed)
{
    public string Key => Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Failure ?? "none";
}
