using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Hosting;

/// <summary>SIGTERM to the real server executable: readiness off, drain, ledger flushed, exit code 0.</summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private const string Key = "sk-test-shutdown-0123456789";
    private readonly TinyModelFolder _models = new("reasoningserver-shutdown-");

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task SIGTERM_makes_readiness_503_while_requests_are_still_served_then_exits_0_with_them_in_the_ledger()
    {
        await using var ledger = LedgerDatabase.Sqlite();
        using var server = await ServerExecutable.StartAsync(_models.ModelPath, Key, [.. ledger.Arguments, "--Server:UnreadySeconds", "5"]);
        using (var ready = await server.Http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Terminate(server.Process.Process);
        JsonNode readiness = await WaitForUnreadyAsync(server);
        Assert.Equal("Unhealthy", (string?)readiness["checks"]!["draining"]!["status"]);

        // Not ready, still serving: the load balancer has not caught up yet.
        var (status, body, response) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Request(maxTokens: 8));
        Assert.Equal(200, status);
        Assert.NotNull(body!["usage"]);
        var requestId = response.Headers.GetValues("x-request-id").Single();

        await server.Process.Process.WaitForExitAsync();
        Assert.True(server.Process.Process.ExitCode == 0, server.Process.Output);
        Assert.Contains("Shutting down", server.Process.Output, StringComparison.Ordinal);
        // Probes answered 503 while draining: an expected state, not an error in the operator's log.
        Assert.DoesNotContain(" ERR]", server.Process.Output, StringComparison.Ordinal);
        var row = Assert.Single(await ledger.ReadAllAsync(), r => r.RequestId == requestId);
        Assert.Equal("completed", row.Outcome);
    }

    [Fact]
    public async Task A_request_still_generating_when_the_drain_time_ends_is_cut_billed_as_cancelled_and_the_server_exits_0()
    {
        await using var ledger = LedgerDatabase.Sqlite();
        using var server = await ServerExecutable.StartAsync(_models.ModelPath, Key, [.. ledger.Arguments, "--Server:DrainSeconds", "0", "--ctx-size", "16384"]);
        var body = Request(maxTokens: 16000);
        body["stream"] = true;
        // Budget forcing keeps the tiny model thinking for many thousand tokens, each streamed as a chunk of its own
        // (reasoning_content). The test stops reading after the first one: once the socket's buffers are full the
        // server cannot finish the response, however fast the machine, so the request is in flight at the signal.
        body["reasoning"] = new JsonObject { ["min_tokens"] = 12000, ["max_tokens"] = 15000 };
        body["reasoning_format"] = "reasoning_content";
        await using var stream = await OpenStream.StartAsync(server.Http, body);
        await stream.ReadGeneratedAsync();

        Terminate(server.Process.Process);
        await server.Process.Process.WaitForExitAsync();

        Assert.True(server.Process.Process.ExitCode == 0, server.Process.Output);
        var row = Assert.Single(await ledger.ReadAllAsync(), r => r.RequestId == stream.RequestId);
        Assert.Equal("cancelled", row.Outcome);
        Assert.InRange(row.CompletionTokens, 1, 15999); // cut before its max_tokens
    }

    private static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<JsonNode> WaitForUnreadyAsync(ServerExecutable server)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await server.Http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"Readiness never turned 503 after SIGTERM:\n{server.Process.Output}");
    }

    private static JsonObject Request(int maxTokens) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Shut down gently" }),
        ["max_tokens"] = maxTokens,
    };
}
