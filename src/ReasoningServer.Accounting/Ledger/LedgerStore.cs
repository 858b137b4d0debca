using System.Data.Common;
using System.Globalization;
using System.Text;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Accounting.Usage;

namespace ReasoningServer.Accounting.Ledger;

/// <summary>
/// The ledger's tables through plain ADO.NET. The SQL is shared by both databases (named parameters,
/// <c>ON CONFLICT DO NOTHING</c>, integer division); a provider only says how to connect and how to
/// serialise two processes applying migrations at once.
/// </summary>
internal abstract class LedgerStore : IAsyncDisposable
{
    private const int InsertColumns = 13;

    /// <summary>
    /// Rows per INSERT statement: PostgreSQL gains from fewer round trips; SQLite (in process, and slow to bind
    /// parameters by name in long statements) is fastest one row at a time with the statement reused.
    /// </summary>
    protected virtual int RowsPerInsert => 64;

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates what must exist before the first connection (a folder, a journal mode).</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Holds off other processes until <paramref name="transaction"/> ends.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    /// <summary>Creates the database on first run and applies the migrations it has not seen, atomically.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL)", cancellationToken);

        var applied = new HashSet<int>();
        await using (var select = Command(connection, transaction, "SELECT version FROM schema_migrations"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        foreach (var (version, sql) in LedgerMigrations.All.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await using var record = Command(connection, transaction, "INSERT INTO schema_migrations (version, applied_at_ms) VALUES (@version, @at)");
            Add(record, "version", version);
            Add(record, "at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Inserts the records in one transaction; ids already present are skipped. Returns how many were new.</summary>
    public async Task<int> InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DbCommand? insert = null;
        var inserted = 0;
        try
        {
            foreach (var chunk in records.Chunk(RowsPerInsert))
            {
                // One command per statement shape, its parameters rebound for each chunk (prepared once by the database).
                if (insert is null || insert.Parameters.Count != chunk.Length * InsertColumns)
                {
                    if (insert is not null)
                    {
                        await insert.DisposeAsync();
                    }

                    insert = Command(connection, transaction, InsertSql(chunk.Length));
                    for (var i = 0; i < chunk.Length * InsertColumns; i++)
                    {
                        Add(insert, $"p{i}", null);
                    }
                }

                for (var i = 0; i < chunk.Length; i++)
                {
                    var r = chunk[i];
                    object?[] values =
                    [
                        r.RequestId, r.ApiKeyId, r.Model, r.StartedAt.ToUnixTimeMilliseconds(), r.FinishedAt.ToUnixTimeMilliseconds(),
                        r.Usage.PromptTokens, r.Usage.CachedTokens, r.Usage.ReasoningTokens, r.Usage.AnswerTokens, r.Choices,
                        string.Join(',', r.FinishReasons.Select(f => f ?? string.Empty)), r.Outcome.ToString().ToLowerInvariant(), r.CostPicoUsd,
                    ];
                    for (var c = 0; c < InsertColumns; c++)
                    {
                        insert.Parameters[i * InsertColumns + c].Value = values[c] ?? DBNull.Value;
                    }
                }

                inserted += await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (insert is not null)
            {
                await insert.DisposeAsync();
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public async Task<IReadOnlyList<UsageTotals>> SumAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, string.Empty);
        var key = query.GroupByApiKey ? "api_key_id" : "NULL";
        var model = query.GroupByModel ? "model" : "NULL";
        var sql = new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
            SELECT (started_at_ms - @start) / @width AS bucket, {key}, {model}, COUNT(*),
                   SUM(prompt_tokens), SUM(cached_tokens), SUM(reasoning_tokens), SUM(answer_tokens), SUM(cost_picousd)
            FROM usage_records WHERE started_at_ms >= @start AND started_at_ms < @end
            """);
        Add(command, "start", query.Start.ToUnixTimeMilliseconds());
        Add(command, "end", query.End.ToUnixTimeMilliseconds());
        Add(command, "width", (long)query.BucketWidth.TotalMilliseconds);
        AppendIn(command, sql, "api_key_id", "k", query.ApiKeyIds);
        AppendIn(command, sql, "model", "m", query.Models);
        sql.Append(" GROUP BY bucket");
        sql.Append(query.GroupByApiKey ? ", api_key_id" : string.Empty);
        sql.Append(query.GroupByModel ? ", model" : string.Empty);
        sql.Append(" ORDER BY bucket");
        sql.Append(query.GroupByApiKey ? ", api_key_id" : string.Empty);
        sql.Append(query.GroupByModel ? ", model" : string.Empty);
        command.CommandText = sql.ToString();

        var totals = new List<UsageTotals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long Long(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            totals.Add(new UsageTotals(Long(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                Long(3), Long(4), Long(5), Long(6), Long(7), Long(8)));
        }

        return totals;
    }

    public async Task CreateKeyAsync(StoredApiKey stored, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = Command(connection, null, """
            INSERT INTO api_keys (id, name, key_sha256, is_admin, models, requests_per_minute, tokens_per_minute, created_at_ms, revoked_at_ms)
            VALUES (@id, @name, @hash, @admin, @models, @rpm, @tpm, @created, NULL)
            """);
        var key = stored.Key;
        Add(insert, "id", key.Id);
        Add(insert, "name", key.Name);
        Add(insert, "hash", Convert.ToHexStringLower(key.Sha256));
        Add(insert, "admin", key.IsAdmin);
        Add(insert, "models", string.Join(',', key.Models));
        Add(insert, "rpm", key.RequestsPerMinute);
        Add(insert, "tpm", key.TokensPerMinute);
        Add(insert, "created", stored.CreatedAt.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Opens a connection and runs a trivial query: throws when the database cannot be reached.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, null, "SELECT 1");
        await select.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredApiKey>> ListKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, null, """
            SELECT id, name, key_sha256, is_admin, models, requests_per_minute, tokens_per_minute, created_at_ms, revoked_at_ms
            FROM api_keys ORDER BY created_at_ms, id
            """);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var keys = new List<StoredApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            int? Int(int i) => reader.IsDBNull(i) ? null : Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
            var models = reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries);
            var key = new ApiKey(reader.GetString(0), reader.GetString(1), Convert.FromHexString(reader.GetString(2)),
                reader.GetBoolean(3), models, Int(5), Int(6));
            var revoked = reader.IsDBNull(8) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8));
            keys.Add(new StoredApiKey(key, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), revoked));
        }

        return keys;
    }

    /// <summary>Marks a key revoked (kept for the usage history). False when no active key has that id.</summary>
    public async Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = Command(connection, null, "UPDATE api_keys SET revoked_at_ms = @at WHERE id = @id AND revoked_at_ms IS NULL");
        Add(update, "id", id);
        Add(update, "at", at.ToUnixTimeMilliseconds());
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Keeps a Responses API response (its JSON, opaque here) for the key that created it ("" on an open server).</summary>
    public async Task SaveResponseAsync(string id, string apiKeyId, DateTimeOffset createdAt, string body, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = Command(connection, null, """
            INSERT INTO stored_responses (id, api_key_id, created_at_ms, body) VALUES (@id, @key, @created, @body)
            ON CONFLICT (id) DO UPDATE SET body = excluded.body
            """);
        Add(insert, "id", id);
        Add(insert, "key", apiKeyId);
        Add(insert, "created", createdAt.ToUnixTimeMilliseconds());
        Add(insert, "body", body);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A stored response's JSON when <paramref name="apiKeyId"/> created it; null for any other key, as for none.</summary>
    public async Task<string?> FindResponseAsync(string id, string apiKeyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, null, "SELECT body FROM stored_responses WHERE id = @id AND api_key_id = @key");
        Add(select, "id", id);
        Add(select, "key", apiKeyId);
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Deletes a stored response of <paramref name="apiKeyId"/>; false when it has none of that id.</summary>
    public async Task<bool> DeleteResponseAsync(string id, string apiKeyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = Command(connection, null, "DELETE FROM stored_responses WHERE id = @id AND api_key_id = @key");
        Add(delete, "id", id);
        Add(delete, "key", apiKeyId);
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// A secret shared by every process on this database, made by the first that asks: replicas on one PostgreSQL
    /// ledger agree on it without configuration.
    /// </summary>
    public async Task<string> GetOrCreateSecretAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var insert = Command(connection, null, "INSERT INTO server_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING"))
        {
            Add(insert, "name", name);
            Add(insert, "value", create());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = Command(connection, null, "SELECT value FROM server_secrets WHERE name = @name");
        Add(select, "name", name);
        return (string)(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string InsertSql(int rows)
    {
        var sql = new StringBuilder("""
            INSERT INTO usage_records (request_id, api_key_id, model, started_at_ms, finished_at_ms, prompt_tokens, cached_tokens,
                                       reasoning_tokens, answer_tokens, choices, finish_reasons, outcome, cost_picousd) VALUES
            """);
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "\n(" : ",\n(");
            sql.AppendJoin(", ", Enumerable.Range(i * InsertColumns, InsertColumns).Select(p => $"@p{p}"));
            sql.Append(')');
        }

        return sql.Append("\nON CONFLICT (request_id) DO NOTHING").ToString();
    }

    private static void AppendIn(DbCommand command, StringBuilder sql, string column, string prefix, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var names = values.Select((v, i) => { Add(command, $"{prefix}{i}", v); return $"@{prefix}{i}"; });
        sql.Append(CultureInfo.InvariantCulture, $" AND {column} IN ({string.Join(", ", names)})");
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
