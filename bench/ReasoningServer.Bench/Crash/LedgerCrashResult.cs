namespace ReasoningServer.Bench.Crash;

/// <summary>One ledger's figures over all rounds.</summary>
internal sealed record LedgerCrashResult(
    string Ledger,
    int Rounds,
    int SeenComplete,
    int Found,
    int Matching,
    int Mismatches,
    int Duplicates,
    int StoredResponsesSeen,
    int StoredResponsesMissing,
    string Integrity,
    int UncleanRestarts,
    IReadOnlyList<double> RestartSeconds,
    IReadOnlyList<string> Problems);
