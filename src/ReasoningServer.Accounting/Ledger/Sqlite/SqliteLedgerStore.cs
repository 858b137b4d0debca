using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReasoningServer.Accounting.Ledger.Sqlite;

/// <summary>
/// The ledger in one SQLite file (<c>ledger.db</c> in the data folder), in WAL mode so the usage queries
/// read while the writer commits. <c>synchronous=FULL</c>: a commit is on disk before the request that
/// waits for it answers, so neither a killed process nor a power cut loses a completed request.
/// </summary>
internal sealed class SqliteLedgerStore(string dataDirectory) : LedgerStore
{
    public const string FileName = "ledger.db";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = System.IO.Path.Combine(dataDirectory, FileName),
        Pooling = true,
        DefaultTimeout = 30, // also how long a writer waits for another process's lock
    }.ToString();

    protected override int RowsPerInsert => 1;

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL"; // persistent: stored in the file, outside any transaction
        await wal.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools(); // releases the file (tests delete their folders)
        return ValueTask.CompletedTask;
    }
}
