using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ReasoningServer.Bench.Soak;

/// <summary>
/// After a soak: the server comes back to idle (slots, queue, paused sequences, KV of busy slots all 0, and llama.cpp's
/// memory holding exactly what the slots account for), no 5xx, and every request the clients started is in the
/// SQLite ledger with the right outcome and its tokens.
/// </summary>
internal static class SoakChecks
{
    /// <param name="apiKeyId">Only the ledger rows of this key are the soak's (null: all rows are).</param>
    public static async Task<IReadOnlyList<SoakCheck>> RunAsync(HttpClient http, string ledgerPath, SoakRun run, TimeSpan patience, string? apiKeyId = null)
    {
        var checks = new List<SoakCheck>
        {
            new("no 5xx", run.ServerErrors == 0, $"{run.ServerErrors} of {run.Requests.Count} requests"),
        };
        checks.AddRange(await IdleAsync(http, patience));
        checks.AddRange(await LedgerAsync(ledgerPath, run, patience, apiKeyId));
        return checks;
    }

    /// <summary>Waits for the server to become idle, then reads /v1/status once more for the checks.</summary>
    private static async Task<IEnumerable<SoakCheck>> IdleAsync(HttpClient http, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        JsonNode status;
        while (true)
        {
            status = JsonNode.Parse(await http.GetStringAsync("/v1/status"))!;
            if (((int)status["slots"]!["busy"]! == 0 && (int)status["queue_depth"]! == 0) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(50);
        }

        var kv = status["kv_cache"]!;
        var (tokens, busyTokens, memoryTokens) = ((long)kv["tokens"]!, (long)kv["busy_tokens"]!, (long)kv["memory_tokens"]!);
        return
        [
            new("slots back to 0", (int)status["slots"]!["busy"]! == 0, $"busy {status["slots"]!["busy"]}, paused {status["slots"]!["paused"]}"),
            new("queue back to 0", (int)status["queue_depth"]! == 0, $"queue {status["queue_depth"]}"),
            new("no KV held by busy slots", busyTokens == 0, $"{busyTokens} tokens"),
            new("no leaked KV cells", memoryTokens == tokens, $"llama.cpp memory {memoryTokens} positions, slots account for {tokens} (cached prefixes)"),
        ];
    }

    private static async Task<IEnumerable<SoakCheck>> LedgerAsync(string ledgerPath, SoakRun run, TimeSpan patience, string? apiKeyId)
    {
        // A cancelled request is recorded when the server notices the hang-up: wait until every known one is there.
        var known = run.Requests.Where(r => r.RequestId is not null && r.Status == 200).ToDictionary(r => r.RequestId!);
        var deadline = DateTime.UtcNow + patience;
        Dictionary<string, SoakLedgerRow> rows;
        while (true)
        {
            rows = (await ReadAsync(ledgerPath, apiKeyId, run.StartedAt)).ToDictionary(r => r.RequestId);
            if (known.Keys.All(rows.ContainsKey) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        var missing = known.Keys.Count(id => !rows.ContainsKey(id));
        var wrong = new List<string>();
        foreach (var (id, request) in known)
        {
            if (!rows.TryGetValue(id, out var row))
            {
                continue;
            }

            // A slow reader cut off at the end of the run may have left after the server wrote its last byte: completed.
            var expected = request.ReadToEnd ? "completed" : request.Kind == SoakClientKind.SlowReader ? "cancelled|completed" : "cancelled";
            if (!expected.Split('|').Contains(row.Outcome))
            {
                wrong.Add($"{request.Kind} {id}: {row.Outcome}, expected {expected}");
            }
            else if (row.PromptTokens == 0 || row.CompletionTokens < request.Chunks || (request.UsageTokens is { } usage && usage != row.CompletionTokens))
            {
                wrong.Add($"{request.Kind} {id}: {row.PromptTokens} prompt, {row.CompletionTokens} completion tokens for {request.Chunks} chunks read (usage {request.UsageTokens})");
            }
        }

        // Clients that left before the headers have no id: their rows are the ones nobody knows, all cancelled.
        var unknown = rows.Values.Where(r => !known.ContainsKey(r.RequestId)).ToList();
        var leftEarly = run.Requests.Count(r => r.RequestId is null);
        var cancelledRows = rows.Values.Count(r => r.Outcome == "cancelled");
        var cancelledWithTokens = rows.Values.Count(r => r.Outcome == "cancelled" && r.CompletionTokens > 0);
        return
        [
            new("every started request in the ledger", missing == 0, $"{known.Count - missing} of {known.Count} with an id recorded"),
            new("outcome and tokens as the client saw them", wrong.Count == 0, wrong.Count == 0 ? $"{known.Count} rows" : string.Join("; ", wrong.Take(5))),
            new("hang-ups before the headers recorded as cancelled", unknown.Count <= leftEarly && unknown.All(r => r.Outcome == "cancelled"),
                $"{unknown.Count} rows for {leftEarly} requests left before the headers; not cancelled: "
                + string.Join(", ", unknown.Where(r => r.Outcome != "cancelled").Take(3).Select(r => $"{r.RequestId} {r.Outcome} {r.CompletionTokens} tokens")) + "."),
            new("no failed requests", rows.Values.All(r => r.Outcome != "failed"), $"{rows.Values.Count(r => r.Outcome == "failed")} failed"),
            new("cancelled rows carry their tokens", cancelledRows > 0, $"{cancelledRows} cancelled, {cancelledWithTokens} with generated tokens"),
        ];
    }

    private static async Task<List<SoakLedgerRow>> ReadAsync(string path, string? apiKeyId, DateTimeOffset since)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, outcome, prompt_tokens, reasoning_tokens, answer_tokens FROM usage_records WHERE started_at_ms >= $since"
            + (apiKeyId is null ? string.Empty : " AND api_key_id = $key");
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$key", (object?)apiKeyId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<SoakLedgerRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new SoakLedgerRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }
}
