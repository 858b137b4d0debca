using System.ClientModel;
using OpenAI.Chat;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Metrics;

/// <summary><c>GET /metrics</c> on the real server, read by Prometheus' own parser and linter.</summary>
[Collection(ServerCollection.Name)]
public sealed class MetricsEndpointTests(ServerFixture server)
{
    [Fact]
    public async Task A_streamed_chat_completion_is_counted_in_every_metric_it_touches()
    {
        var before = await ScrapeAsync();

        var chat = server.Chat();
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Count me")],
            new ChatCompletionOptions { MaxOutputTokenCount = 40 }))
        {
            usage = update.Usage ?? usage;
        }

        var after = await ScrapeAsync();
        Assert.NotNull(usage);
        double Delta(string name, params (string Key, string Value)[] labels) => Value(after, name, labels) - Value(before, name, labels);

        Assert.Equal(1, Delta("reasoning_server_requests_total", ("endpoint", "/v1/chat/completions"), ("status", "200")));
        Assert.Equal(usage.InputTokenCount, Delta("reasoning_server_prompt_tokens_total"));
        Assert.Equal(usage.InputTokenDetails.CachedTokenCount, Delta("reasoning_server_prompt_cached_tokens_total"));
        Assert.Equal(usage.OutputTokenDetails.ReasoningTokenCount, Delta("reasoning_server_reasoning_tokens_total"));
        Assert.Equal(usage.OutputTokenCount - usage.OutputTokenDetails.ReasoningTokenCount, Delta("reasoning_server_answer_tokens_total"));
        // One first token for the one choice, then one gap per further generated token.
        Assert.Equal(1, Delta("reasoning_server_time_to_first_token_seconds_count"));
        Assert.Equal(usage.OutputTokenCount - 1, Delta("reasoning_server_inter_token_latency_seconds_count"));
        Assert.Equal(1, Delta("reasoning_server_ledger_write_lag_seconds_count"));
        Assert.Equal(1, Delta("reasoning_server_prefix_cache_lookups_total", ("result", usage.InputTokenDetails.CachedTokenCount > 0 ? "hit" : "miss")));

        // Engine state, observed at the scrape: idle again, the conversation's KV kept for the prefix cache.
        Assert.Equal(0, Value(after, "reasoning_server_queue_depth"));
        Assert.Equal(0, Value(after, "reasoning_server_slots_busy"));
        Assert.Equal(1, Value(after, "reasoning_server_slots"));
        Assert.InRange(Value(after, "reasoning_server_kv_cache_tokens"), usage.TotalTokenCount - 1, 4096);
        Assert.Equal(Value(after, "reasoning_server_kv_cache_tokens") / 4096, Value(after, "reasoning_server_kv_cache_usage_ratio"), 9);
        Assert.Equal(1, Value(after, "reasoning_server_model_loaded"));
    }

    [Fact]
    public async Task Histograms_have_cumulative_buckets_ending_in_inf_equal_to_their_count()
    {
        await server.Chat().CompleteChatAsync([new UserChatMessage("Fill the histograms")], new ChatCompletionOptions { MaxOutputTokenCount = 16 });
        var samples = await ScrapeAsync();

        var histograms = samples.Where(s => s.Type == "histogram").GroupBy(s => (s.Family, Series(s))).ToList();
        Assert.Contains(histograms, h => h.Key.Family == "reasoning_server_inter_token_latency_seconds");
        foreach (var histogram in histograms)
        {
            var buckets = histogram.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            var counts = buckets.Select(b => b.Value).ToList();
            Assert.Equal(counts.Order(), counts);
            Assert.Equal("+Inf", buckets[^1].Labels["le"]);
            Assert.Equal(histogram.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value, buckets[^1].Value);
        }
    }

    [Fact]
    public async Task Promtool_accepts_the_exposition_and_every_metric_is_in_the_reasoning_server_namespace()
    {
        await server.Chat().CompleteChatAsync([new UserChatMessage("Lint me")], new ChatCompletionOptions { MaxOutputTokenCount = 8 });
        using var response = await server.Http.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();

        var (exit, problems) = PrometheusText.Lint(text);
        Assert.True(exit == 0 && problems.Trim().Length == 0, $"promtool check metrics: exit {exit}\n{problems}");
        Assert.All(PrometheusText.Parse(text), s => Assert.StartsWith("reasoning_server_", s.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_url_is_counted_under_one_unmatched_series_not_one_per_path()
    {
        var before = await ScrapeAsync();
        using (await server.Http.GetAsync("/no/such/path/1"))
        using (await server.Http.GetAsync("/no/such/path/2"))
        {
        }

        var after = await ScrapeAsync();
        Assert.Equal(2, Value(after, "reasoning_server_requests_total", ("endpoint", "unmatched"), ("status", "404"))
            - Value(before, "reasoning_server_requests_total", ("endpoint", "unmatched"), ("status", "404")));
        Assert.DoesNotContain(after, s => s.Labels.Values.Any(v => v.Contains("/no/such", StringComparison.Ordinal)));
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync() => PrometheusText.Parse(await server.Http.GetStringAsync("/metrics"));

    /// <summary>The sample's value, 0 when the series does not exist yet (a counter nobody has incremented).</summary>
    private static double Value(IReadOnlyList<PrometheusSample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    private static string Series(PrometheusSample sample) =>
        string.Join(',', sample.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"));
}
