using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;
using ReasoningServer.Tests.Serving;

namespace ReasoningServer.Tests.Billing;

/// <summary>A test_time request is billed for every sample it ran, as its usage says, cancelled samples' tokens included.</summary>
public sealed class TestTimeLedgerTests(SqliteAccountingFixture server) : IClassFixture<SqliteAccountingFixture>
{
    [Fact]
    public async Task The_ledger_bills_every_sample_of_a_test_time_request()
    {
        var body = TestTimeBody.Digits(samples: 4, maxTokens: 12, "self_consistency", TestTimeBody.One, TestTimeBody.Two);
        await AssertBilledAsUsedAsync(body, samples: 4);
    }

    [Fact]
    public async Task The_ledger_bills_what_early_stopped_samples_generated()
    {
        var body = TestTimeBody.Digits(samples: 6, maxTokens: 100, "self_consistency", TestTimeBody.Seven);
        body["test_time"]!["early_stop"] = true;
        var response = await AssertBilledAsUsedAsync(body, samples: 6);
        Assert.True((bool)response["test_time"]!["early_stopped"]!);
    }

    private async Task<JsonNode> AssertBilledAsUsedAsync(JsonObject body, int samples)
    {
        using var http = server.HttpAs(AccountingServerFixture.AliceKey);
        var (status, response, message) = await HttpJson.PostAsync(http, "/v1/chat/completions", body);
        Assert.True(status == 200, response?.ToJsonString());

        var row = await server.Ledger.WaitForAsync(message.Headers.GetValues("x-request-id").Single());
        var usage = response!["usage"]!;
        var report = response["test_time"]!;
        TestTimeReport.AssertConsistent(report, usage, (string)response["choices"]![0]!["message"]!["content"]!);
        Assert.Equal(AccountingServerFixture.AliceId, row.ApiKeyId);
        Assert.Equal("completed", row.Outcome);
        Assert.Equal((int)usage["prompt_tokens"]!, row.PromptTokens);
        Assert.Equal((int)usage["completion_tokens"]!, row.CompletionTokens);
        Assert.Equal((int)usage["completion_tokens_details"]!["reasoning_tokens"]!, row.ReasoningTokens);
        Assert.Equal(report["samples"]!.AsArray().Sum(s => (int)s!["completion_tokens"]!), row.CompletionTokens);
        Assert.Equal(samples, row.Choices);
        Assert.Equal(samples, row.FinishReasons.Split(',').Length);
        var cost = AccountingServerFixture.Cost(row.PromptTokens, row.CachedTokens, row.ReasoningTokens, row.AnswerTokens);
        Assert.Equal(cost, row.CostPicoUsd / 1_000_000_000_000m);
        return response;
    }
}
