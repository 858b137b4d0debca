namespace ReasoningServer.Tests.Durability;

/// <summary>
/// What a ledger holds of the requests a client saw complete: each must be there exactly once, with exactly the
/// usage the client received.
/// </summary>
public sealed record LedgerAudit(int Seen, int Found, int Matching, IReadOnlyList<string> Mismatches, int DuplicateRows, string Integrity)
{
    public bool Passed => Found == Seen && Matching == Seen && Mismatches.Count == 0 && DuplicateRows == 0 && Integrity == "ok";

    public override string ToString() =>
        $"seen {Seen}, found {Found}, matching {Matching}, duplicates {DuplicateRows}, integrity {Integrity}" +
        (Mismatches.Count == 0 ? string.Empty : "\n  " + string.Join("\n  ", Mismatches.Take(20)));
}
