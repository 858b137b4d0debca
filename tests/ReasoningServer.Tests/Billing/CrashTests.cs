using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ReasoningServer.Tests.Durability;
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

    /// <summary>
    /// The CI form of <c>bench/crash.sh</c>: two rounds of the mixed load, each killed once every kind of request has
    /// been seen complete; after each kill every request seen complete is in the ledger with exactly the usage the client
    /// received, the database is sound, and the restart is clean and gives back the stored responses.
    /// </summary>
    private async Task KillUnderLoadAsync(string provider)
    {
        const int Rounds = 2;
        await using var ledger = await LedgerDatabase.CreateAsync(provider);
        var seen = new ConcurrentQueue<SeenCompletion>();
        var server = await ServerExecutable.StartAsync(_models.ModelPath, AdminKey, ledger.Arguments);
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                var before = seen.Count;
                using (var killed = new CancellationTokenSource())
                {
                    var load = MixedLoad.RunAsync(server.Http, ServerFixture.ModelId, 3, seen, killed.Token);
                    var deadline = DateTime.UtcNow.AddMinutes(1);
                    while (!EveryKindSeen(seen.Skip(before)) && !server.Process.Process.HasExited && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(20);
                    }

                    server.Process.Process.Kill(); // SIGKILL: no shutdown, no drain
                    await server.Process.Process.WaitForExitAsync();
                    await killed.CancelAsync();
                    await load;
                }

                Assert.True(EveryKindSeen(seen.Skip(before)), $"round {round}: {string.Join(", ", seen.Skip(before).Select(s => s.Kind))}\n{server.Process.Output}");
                server.Dispose();
                await ledger.WaitForWritersGoneAsync();
                var audit = await CrashAuditor.AuditLedgerAsync(ledger, seen.ToArray());
                Assert.True(audit.Passed, $"round {round}: {audit}");

                server = await ServerExecutable.StartAsync(_models.ModelPath, AdminKey, ledger.Arguments);
                Assert.DoesNotContain(" ERR]", server.Process.Output, StringComparison.Ordinal);
                Assert.Empty(await CrashAuditor.MissingStoredResponsesAsync(server.Http, seen.Skip(before)));
            }

            var rows = await ledger.ReadAllAsync();
            Assert.All(rows, row =>
            {
                Assert.Contains(row.Outcome, new[] { "completed", "cancelled", "failed" });
                Assert.Equal(ServerFixture.ModelId, row.Model);
                Assert.True(row.PromptTokens > 0 && row.ReasoningTokens >= 0 && row.AnswerTokens >= 0 && row.CostPicoUsd >= 0);
                Assert.True(row.FinishedAtMs >= row.StartedAtMs);
                Assert.Equal(row.Choices, row.FinishReasons.Split(',').Length);
                if (row.Outcome == "completed")
                {
                    Assert.All(row.FinishReasons.Split(','), reason => Assert.Contains(reason, new[] { "stop", "length" }));
                }
            });

            // The restarted server goes on recording, and its usage endpoint counts every record.
            var (status, _, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Request(stream: false));
            Assert.Equal(200, status);
            var page = JsonNode.Parse(await server.Http.GetStringAsync($"/v1/organization/usage/completions?start_time={DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600}&bucket_width=1h"))!;
            var results = page["data"]!.AsArray().SelectMany(b => b!["results"]!.AsArray());
            Assert.Equal(rows.Count + 1, results.Sum(r => (long)r!["num_model_requests"]!));
        }
        finally
        {
            server.Dispose();
        }
    }

    private static bool EveryKindSeen(IEnumerable<SeenCompletion> seen) =>
        Enum.GetValues<LoadKind>().Except([LoadKind.Cancelled]).Except(seen.Select(s => s.Kind)).Any() is false;

    private static JsonObject Request(bool stream) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is 2 + 2?" }),
        ["max_tokens"] = 12,
        ["stream"] = stream,
    };
}
