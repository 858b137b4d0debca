namespace ReasoningServer.Tests.Infrastructure;

/// <summary>An accounting test server on a PostgreSQL ledger; starts nothing when no PostgreSQL server is configured (its tests skip).</summary>
public sealed class PostgresAccountingFixture : AccountingServerFixture
{
    protected override Task<LedgerDatabase> CreateLedgerAsync() => LedgerDatabase.PostgresAsync();

    public override Task InitializeAsync() => LedgerDatabase.PostgresServer is null ? Task.CompletedTask : base.InitializeAsync();

    public override Task DisposeAsync() => LedgerDatabase.PostgresServer is null ? Task.CompletedTask : base.DisposeAsync();
}
