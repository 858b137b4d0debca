using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Serving;

/// <summary>test_time on the eight-slot server: samples in one batch, one prompt evaluation, streaming, hang-ups.</summary>
[Collection(BatchingServerCollection.Name)]
public sealed class TestTimeBatchingTests(BatchingServerFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Eight_samples_evaluate_the_prompt_once_and_usage_sums_every_sample()
    {
        var before = server.Statistics;
        var evaluatedBefore = await PromptEvaluatedMetricAsync();
        var body = TestTimeBody.Digits(samples: 8, maxTokens: 12, "self_consistency", TestTimeBody.One, TestTimeBody.Two);

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
        var after = server.Statistics;
        var evaluatedAfter = await PromptEvaluatedMetricAsync();

        Assert.True(status == 200, response?.ToJsonString());
        var choice = Assert.Single(response!["choices"]!.AsArray())!;
        Assert.Equal(0, (int)choice["index"]!);
        var report = response["test_time"]!;
        Assert.Equal("self_consistency", (string?)report["strategy"]);
        Assert.Equal(8, (int)report["samples_requested"]!);
        Assert.Equal(8, (int)report["samples_run"]!);
        Assert.False((bool)report["early_stopped"]!);
        var samples = TestTimeReport.AssertConsistent(report, response["usage"]!, (string)choice["message"]!["content"]!);
        Assert.All(samples, s => Assert.Equal(12, (int)s!["completion_tokens"]!));
        Assert.All(samples, s => Assert.Equal("length", (string?)s!["finish_reason"]));
        Assert.All(samples, s => Assert.Contains((string?)s!["answer"], new[] { "1", "2" }));
        Assert.Equal(8, report["votes"]!.AsObject().Sum(v => (int)v.Value!));

        // One prompt evaluation shared by the eight sequences, as the counter behind reasoning_server_prompt_evaluated_tokens shows.
        var usage = response["usage"]!;
        Assert.Equal(8, after.Sequences - before.Sequences);
        Assert.Equal((int)usage["prompt_tokens"]! - (int)usage["prompt_tokens_details"]!["cached_tokens"]!,
            after.PromptTokensEvaluated - before.PromptTokensEvaluated);
        Assert.Equal(after.PromptTokensEvaluated - before.PromptTokensEvaluated, evaluatedAfter - evaluatedBefore);
        Assert.Equal(8 * 12, (int)usage["completion_tokens"]!);
    }

    [Fact]
    public async Task A_stream_reports_each_sample_then_sends_the_chosen_answer_the_report_and_the_usage()
    {
        var body = TestTimeBody.Digits(samples: 4, maxTokens: 40, "self_consistency", TestTimeBody.One, TestTimeBody.Two);
        // Each sample thinks too: one token, then the budget forces its message and the end tag (reasoning per sample).
        body.Remove("reasoning_effort");
        body["thinking_budget_tokens"] = 1;
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        var (events, comments, done) = await HttpJson.StreamWithCommentsAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(done);
        Assert.Equal(4, comments.Count(c => c.StartsWith("test_time sample ", StringComparison.Ordinal)));
        Assert.Equal("assistant", (string?)events[0]["choices"]![0]!["delta"]!["role"]);
        Assert.All(events, e => Assert.True(e.AsObject().ContainsKey("usage"), "every chunk has a usage field with include_usage"));
        var content = string.Concat(events.SelectMany(e => e["choices"]!.AsArray()).Select(c => (string?)c!["delta"]!["content"]));
        var finish = Assert.Single(events, e => e["choices"]!.AsArray() is [{ } c] && c["finish_reason"] is not null);
        Assert.Equal("length", (string?)finish["choices"]![0]!["finish_reason"]);
        var usage = events[^1]["usage"]!;
        Assert.Empty(events[^1]["choices"]!.AsArray());
        Assert.All(events.SkipLast(1), e => Assert.Null(e["usage"]));

        var samples = TestTimeReport.AssertConsistent(finish["test_time"]!, usage, content);
        Assert.Equal(4, samples.Count);
        Assert.Equal(4 * 40, (int)usage["completion_tokens"]!);
        // The budget applies to each sample: one thinking token, then the same forced message and end tag in every one.
        var perSample = Assert.Single(samples.Select(s => (int)s!["reasoning_tokens"]!).Distinct());
        Assert.InRange(perSample, 2, 39);
        var reasoning = string.Concat(events.SelectMany(e => e["choices"]!.AsArray()).Select(c => (string?)c!["delta"]!["reasoning_content"]));
        Assert.Contains("I must answer now.", reasoning, StringComparison.Ordinal); // the chosen sample's own thinking, budget message included
    }

    [Fact]
    public async Task Hanging_up_on_a_test_time_request_frees_every_samples_sequence()
    {
        await WaitUntilIdleAsync();
        var before = server.Statistics;
        using var hangUp = new CancellationTokenSource();
        var request = HttpJson.PostAsync(server.Http, "/v1/chat/completions", TestTimeBody.Endless(samples: 6, maxTokens: 8000).ToJsonString(), hangUp.Token);

        // All six samples hold a slot…
        var deadline = DateTime.UtcNow + Patience;
        while (server.Statistics.ActiveSequences < 6)
        {
            Assert.True(DateTime.UtcNow < deadline, "the samples never all started");
            Assert.False(request.IsCompleted, "the request ended before the hang-up");
            await Task.Delay(10);
        }

        // …until the client goes away: then the engine releases every one of them.
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await WaitUntilIdleAsync();

        var after = server.Statistics;
        Assert.Equal(6, after.Sequences - before.Sequences);
        Assert.True(after.GeneratedTokens - before.GeneratedTokens < 6 * 8000, "the samples stopped long before their limit");
    }

    /// <summary>The unlabelled counter's sample line, read directly (PrometheusText needs Python's prometheus_client).</summary>
    private async Task<double> PromptEvaluatedMetricAsync()
    {
        const string Name = "reasoning_server_prompt_evaluated_tokens_total ";
        var line = (await server.Http.GetStringAsync("/metrics")).Split('\n').Single(l => l.StartsWith(Name, StringComparison.Ordinal));
        return double.Parse(line[Name.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task WaitUntilIdleAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (server.Statistics.ActiveSequences > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "a sample's slot was never released");
            await Task.Delay(10);
        }
    }
}
