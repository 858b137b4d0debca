namespace ReasoningServer.Accounting.Ledger;

/// <summary>Where the ledger lives. <see cref="None"/> records nothing (keys then come from configuration only).</summary>
internal enum LedgerProvider
{
    Sqlite,
    Postgres,
    None,
}
