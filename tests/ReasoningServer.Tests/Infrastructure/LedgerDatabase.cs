using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using ReasoningServer.Accounting.Ledger.Sqlite;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// A ledger database of a test's own: a SQLite file in a temporary folder, or a fresh database on the
/// PostgreSQL server named by <see cref="PostgresVariable"/> (dropped afterwards). Gives the server
/// settings that point at it and reads its rows with plain SQL.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "REASONINGSERVER_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _databaseName;
    private readonly string? _postgresServer;

    private LedgerDatabase(string provider, string? folder, string? connectionString, string? databaseName, string? postgresServer = null)
    {
        Provider = provider;
        _folder = folder;
        ConnectionString = connectionString;
        _databaseName = databaseName;
        _postgresServer = postgresServer;
    }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public string Provider { get; }

    public string? ConnectionString { get; }

    public string SqlitePath => Path.Combine(_folder!, SqliteLedgerStore.FileName);

    public static LedgerDatabase Sqlite() =>
        new("Sqlite", Directory.CreateTempSubdirectory("reasoningserver-ledger-").FullName, null, null);

    public static Task<LedgerDatabase> PostgresAsync() =>
        PostgresAsync(PostgresServer ?? throw new InvalidOperationException($"{PostgresVariable} is not set."));

    /// <summary>A fresh database on the PostgreSQL server <paramref name="server"/> connects to.</summary>
    public static async Task<LedgerDatabase> PostgresAsync(string server)
    {
        var name = "rs_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new LedgerDatabase("Postgres", null, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), name, server);
    }

    public static Task<LedgerDatabase> CreateAsync(string provider) =>
        provider == "Postgres" ? PostgresAsync() : Task.FromResult(Sqlite());

    /// <summary>Configuration keys for an in-process server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => Provider == "Postgres"
        ? new Dictionary<string, string?> { ["Ledger:Provider"] = "Postgres", ["Ledger:ConnectionString"] = ConnectionString }
        : new Dictionary<string, string?> { ["Ledger:Provider"] = "Sqlite", ["Ledger:DataDirectory"] = _folder };

    /// <summary>Command-line flags for the server executable.</summary>
    public string[] Arguments => Provider == "Postgres"
        ? ["--ledger-provider", "Postgres", "--ledger-connection", ConnectionString!]
        : ["--ledger-provider", "Sqlite", "--data-dir", _folder!];

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Provider == "Postgres"
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async Task<List<LedgerRow>> ReadAllAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT request_id, api_key_id, model, started_at_ms, finished_at_ms, prompt_tokens, cached_tokens, reasoning_tokens,
                   answer_tokens, choices, finish_reasons, outcome, cost_picousd FROM usage_records
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync())
        {
            long L(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            rows.Add(new LedgerRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), L(3), L(4),
                (int)L(5), (int)L(6), (int)L(7), (int)L(8), (int)L(9), reader.GetString(10), reader.GetString(11), L(12)));
        }

        return rows;
    }

    /// <summary>
    /// "ok" when the database is sound: SQLite's <c>PRAGMA integrity_check</c>; on PostgreSQL, amcheck's
    /// <c>bt_index_check</c> of every index of the ledger's tables (each raises on a corrupt index), and every table read whole.
    /// </summary>
    public async Task<string> IntegrityCheckAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        if (Provider != "Postgres")
        {
            command.CommandText = "PRAGMA integrity_check";
            return string.Join("; ", await ReadStringsAsync(command));
        }

        command.CommandText = "CREATE EXTENSION IF NOT EXISTS amcheck";
        await command.ExecuteNonQueryAsync();
        command.CommandText = """
            SELECT bt_index_check(i.indexrelid, true)::text FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE a.amname = 'btree' AND n.nspname = 'public'
            """;
        await ReadStringsAsync(command);
        command.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
        foreach (var table in await ReadStringsAsync(command))
        {
            command.CommandText = $"SELECT COUNT(*) FROM (SELECT * FROM \"{table}\") t";
            await command.ExecuteScalarAsync();
        }

        return "ok";
    }

    private static async Task<List<string>> ReadStringsAsync(DbCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? string.Empty : reader.GetString(0));
        }

        return values;
    }

    /// <summary>
    /// After a server was killed: waits until PostgreSQL has closed its sessions, so a commit it had already
    /// received is settled before the test reads (a SQLite writer is gone with its process).
    /// </summary>
    public async Task WaitForWritersGoneAsync()
    {
        if (Provider != "Postgres")
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The killed server's database sessions did not end.");
    }

    /// <summary>Waits for a record written after its request ended (a cancelled one is recorded when the server notices).</summary>
    public async Task<LedgerRow> WaitForAsync(string requestId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if ((await ReadAllAsync()).FirstOrDefault(r => r.RequestId == requestId) is { } row)
            {
                return row;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Request {requestId} never reached the ledger.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_postgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
