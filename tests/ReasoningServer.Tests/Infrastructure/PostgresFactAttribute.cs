namespace ReasoningServer.Tests.Infrastructure;

/// <summary>A test that needs the PostgreSQL server named by <see cref="LedgerDatabase.PostgresVariable"/>; skipped, saying so, without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (LedgerDatabase.PostgresServer is null)
        {
            Skip = $"PostgreSQL ledger test: set {LedgerDatabase.PostgresVariable} to an Npgsql connection string with CREATEDB rights (.ci/run starts a server and sets it).";
        }
    }
}
