using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Billing;

/// <summary>
/// The ledger survives the server process being killed (SIGKILL) under load, and replicas share one
/// PostgreSQL ledger. Real executables, real databases.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const string AdminKey = "sk-test-crash-admin-0123456789";
    private readonly TinyModelFolder _models = new("reasoningserver-crash-");

    public void Dispose() => _models.Dispose();

    [Fact]
    public Task Sqlite_ledger_keeps_every_completed_request_through_a_SIGKILL() => KillUnderLoadAsync("Sqlite");

    [PostgresFact]
    public Task Postgres_ledger_keeps_every_completed_request_through_a_SIGKILL() => KillUnderLoadAsync("Postgres");

    [PostgresFact]
    public async Task Two_servers_sharing_PostgreSQL_report_combined_usage()
    {
        await using var ledger = await LedgerDatabase.PostgresAsync();
        using var first = await ServerExecutable.StartAsync(_models.ModelPath, AdminKey, ledger.Arguments);
        using var second = await ServerExecutable.StartAsync(_models.ModelPath, AdminKey, ledger.Arguments);
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        long input = 0, output = 0, reasoning = 0;
        foreach (var server in new[] { first, second, first, second, second })
        {
            var (status, body, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Request(stream: false));
            Assert.Equal(200, status);
            input += (long)body!["usage"]!["prompt_tokens"]!;
            output += (long)body["usage"]!["completion_tokens"]!;
            reasoning += (long)body["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!;
        }

        foreach (var server in new[] { first, second })
        {
            var page = JsonNode.Parse(await server.Http.GetStringAsync($"/v1/organization/usage/completions?start_time={since}"))!;
            var result = Assert.Single(Assert.Single(page["data"]!.AsArray())!["results"]!.AsArray())!;
            Assert.Equal((5L, input, output, reasoning),
                ((long)result["num_model_requests"]!, (long)result["input_tokens"]!, (long)result["output_tokens"]!, (long)result["output_reasoning_tokens"]!));
        }
    }

    private async Task KillUnderLoadAsync(string provider)
    {
        await using var ledger = await LedgerDatabase.CreateAsync(provider);
        var completed = new ConcurrentBag<string>();
        using (var server = await ServerExecutable.StartAsync(_models.ModelPath, AdminKey, ledger.Arguments))
        {
            using var killed = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 3).Select(w => Task.Run(() => LoadAsync(server.Http, w, completed, killed.Token))).ToArray();
            while (completed.Count < 15 && !server.Process.Process.HasExited)
            {
                await Task.Delay(20);
            }

            server.Process.Process.Kill(); // SIGKILL: no shutdown, no drain
            await server.Process.Process.WaitForExitAsync();
            await killed.CancelAsync();
            await Task.WhenAll(workers);
            Assert.True(completed.Count >= 15, server.Process.Output);
        }

        await ledger.WaitForWritersGoneAsync();
        if (provider == "Sqlite")
        {
            await using var connection = new SqliteConnection($"Data Source={ledger.SqlitePath};Pooling=False");
            await connection.OpenAsync();
            await using var check = new SqliteCommand("PRAGMA integrity_check", connection);
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        }

        var rows = await ledger.ReadAllAsync();
        Assert.Empty(completed.Except(rows.Select(r => r.RequestId)));
        Assert.All(rows, row =>
        {
            Assert.Contains(row.Outcome, new[] { "completed", "cancelled", "failed" });
            Assert.Equal(ServerFixture.ModelId, row.Model);
            Assert.True(row.PromptTokens > 0 && row.ReasoningTokens >= 0 && row.AnswerTokens >= 0 && row.CostPicoUsd >= 0);
            Assert.InRange(row.CompletionTokens, 0, 12);
            Assert.True(row.FinishedAtMs >= row.StartedAtMs);
            Assert.Equal(row.Choices, row.FinishReasons.Split(',').Length);
            if (row.Outcome == "completed")
            {
                Assert.All(row.FinishReasons.Split(','), reason => Assert.Contains(reason, new[] { "stop", "length" }));
            }
        });

        // The database opens cleanly on restart, and the server goes on recording.
        using var restarted = await ServerExecutable.StartAsync(_models.ModelPath, AdminKey, ledger.Arguments);
        var (status, _, _) = await HttpJson.PostAsync(restarted.Http, "/v1/chat/completions", Request(stream: false));
        Assert.Equal(200, status);
        var page = JsonNode.Parse(await restarted.Http.GetStringAsync($"/v1/organization/usage/completions?start_time={DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600}&bucket_width=1h"))!;
        var results = page["data"]!.AsArray().SelectMany(b => b!["results"]!.AsArray());
        Assert.Equal(rows.Count + 1, results.Sum(r => (long)r!["num_model_requests"]!));
    }

    private static async Task LoadAsync(HttpClient http, int worker, ConcurrentBag<string> completed, CancellationToken killed)
    {
        for (var i = 0; !killed.IsCancellationRequested; i++)
        {
            try
            {
                var stream = (i + worker) % 2 == 0;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
                {
                    Content = new StringContent(Request(stream).ToJsonString(), Encoding.UTF8, "application/json"),
                };
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, killed);
                var text = await response.Content.ReadAsStringAsync(killed);
                // Complete: the whole JSON body, or a stream through its [DONE].
                if (response.IsSuccessStatusCode && (stream ? text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) : JsonNode.Parse(text)?["usage"] is not null))
                {
                    completed.Add(response.Headers.GetValues("x-request-id").Single());
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
            {
                // the server was killed mid-response
            }
        }
    }

    private static JsonObject Request(bool stream) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is 2 + 2?" }),
        ["max_tokens"] = 12,
        ["stream"] = stream,
    };
}
