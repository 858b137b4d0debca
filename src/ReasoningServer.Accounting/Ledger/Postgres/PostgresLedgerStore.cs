using System.Data.Common;
using Npgsql;

namespace ReasoningServer.Accounting.Ledger.Postgres;

/// <summary>
/// The ledger in PostgreSQL, shared by several server processes (replicas). Migrations take an advisory
/// lock so replicas starting together apply each step once.
/// </summary>
internal sealed class PostgresLedgerStore(string connectionString) : LedgerStore
{
    // Any constant: the lock only has to be the same number in every replica.
    private const long MigrationLockId = 0x5265_6173_6F6E;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@id)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("id", MigrationLockId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
