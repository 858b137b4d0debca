namespace ReasoningServer.Tests.Infrastructure;

/// <summary>An accounting test server on a SQLite ledger.</summary>
public class SqliteAccountingFixture : AccountingServerFixture
{
    protected override Task<LedgerDatabase> CreateLedgerAsync() => Task.FromResult(LedgerDatabase.Sqlite());
}
