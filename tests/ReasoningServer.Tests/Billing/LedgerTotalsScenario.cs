using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Accounting.Ledger.Postgres;
using ReasoningServer.Accounting.Ledger.Sqlite;
using ReasoningServer.Accounting.Usage;
using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Serving;
using ReasoningServer.Tests.Infrastructure;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK

namespace ReasoningServer.Tests.Billing;

/// <summary>
/// The ledger tests, run against each provider by a derived class: what the ledger and the usage and cost
/// endpoints report equals what the clients were told, request by request and summed per key.
/// </summary>
public abstract class LedgerTotalsScenario(AccountingServerFixture server)
{
    private const int LongStreamTokens = 4000; // the fixture's window is 4096

    private static readonly ChatMessage[] Question = [new UserChatMessage("What is 17 + 25?")];

    protected async Task Totals_per_key_equal_the_usage_clients_saw_and_costs_apply_the_price_table()
    {
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        var seen = new Dictionary<string, Totals> { [AliceId] = new(), [BobId] = new() };
        // Alice: one JSON response and one stream through the official client.
        ChatCompletion whole = await server.ChatAs(AliceKey).CompleteChatAsync(Question, new ChatCompletionOptions { Seed = 1, MaxOutputTokenCount = 24 });
        seen[AliceId].Add(whole.Usage.InputTokenCount, whole.Usage.InputTokenDetails.CachedTokenCount, whole.Usage.OutputTokenCount, whole.Usage.OutputTokenDetails.ReasoningTokenCount);
        ChatTokenUsage? streamed = null;
        await foreach (var update in server.ChatAs(AliceKey).CompleteChatStreamingAsync(Question, new ChatCompletionOptions { Seed = 2, MaxOutputTokenCount = 24 }))
        {
            streamed = update.Usage ?? streamed;
        }

        Assert.NotNull(streamed);
        seen[AliceId].Add(streamed.InputTokenCount, streamed.InputTokenDetails.CachedTokenCount, streamed.OutputTokenCount, streamed.OutputTokenDetails.ReasoningTokenCount);
        // Bob: n = 3 in one JSON response, and a streamed legacy completion; each checked against its own record.
        using var bob = server.HttpAs(BobKey);
        var (status, body, response) = await HttpJson.PostAsync(bob, "/v1/chat/completions", new JsonObject
        {
            ["model"] = ServerFixture.ModelId, ["n"] = 3, ["seed"] = 3, ["max_tokens"] = 16,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }),
        });
        Assert.Equal(200, status);
        var nUsage = Usage(body!["usage"]!);
        seen[BobId].Add(nUsage);
        var nRecord = await server.Ledger.WaitForAsync(RequestId(response));
        AssertRecordIs(nUsage, nRecord, BobId, "completed");
        Assert.Equal(3, nRecord.Choices);
        Assert.Equal(string.Join(',', body["choices"]!.AsArray().Select(c => (string?)c!["finish_reason"])), nRecord.FinishReasons);
        var (legacyUsage, legacyId) = await StreamLegacyAsync(bob);
        seen[BobId].Add(legacyUsage);
        AssertRecordIs(legacyUsage, await server.Ledger.WaitForAsync(legacyId), BobId, "completed");
        // Alice hangs up in the middle of a long stream: billed for what was generated.
        var (cancelledId, chunksSeen) = await StreamAndHangUpAsync(server.HttpAs(AliceKey), chunks: 3);
        var cancelled = await server.Ledger.WaitForAsync(cancelledId);
        Assert.Equal("cancelled", cancelled.Outcome);
        Assert.Equal(AliceId, cancelled.ApiKeyId);
        Assert.InRange(cancelled.CompletionTokens, chunksSeen, LongStreamTokens - 1);
        Assert.Equal(Cost(cancelled.PromptTokens, cancelled.CachedTokens, cancelled.ReasoningTokens, cancelled.AnswerTokens), Dollars(cancelled.CostPicoUsd));
        seen[AliceId].Add(cancelled.PromptTokens, cancelled.CachedTokens, cancelled.CompletionTokens, cancelled.ReasoningTokens);

        using var admin = server.HttpAs(AdminKey);
        // Other tests of the class use other keys; the filter keeps their requests out of these totals.
        var keys = $"api_key_ids={AliceId}&api_key_ids[]={BobId}";
        var usage = await GetAsync(admin, $"/v1/organization/usage/completions?start_time={since}&bucket_width=1d&group_by=api_key_id&{keys}");
        var costs = await GetAsync(admin, $"/v1/organization/costs?start_time={since}&group_by[]=api_key_id&{keys}");
        Assert.Equal("page", (string?)usage["object"]);
        var bucket = Assert.Single(usage["data"]!.AsArray())!;
        Assert.Equal("bucket", (string?)bucket["object"]);
        var costResults = Assert.Single(costs["data"]!.AsArray())!["results"]!.AsArray();
        Assert.Equal(2, bucket["results"]!.AsArray().Count);
        foreach (var (keyId, expected) in seen)
        {
            var result = bucket["results"]!.AsArray().Single(r => (string?)r!["api_key_id"] == keyId)!;
            Assert.Equal("organization.usage.completions.result", (string?)result["object"]);
            expected.AssertEquals(result);
            var cost = costResults.Single(r => (string?)r!["api_key_id"] == keyId)!;
            Assert.Equal("organization.costs.result", (string?)cost["object"]);
            Assert.Equal("usd", (string?)cost["amount"]!["currency"]);
            Assert.Equal(expected.Cost, cost["amount"]!["value"]!.GetValue<decimal>());
        }

        // A key sees its own usage and cost without admin rights.
        using var alice = server.HttpAs(AliceKey);
        var mine = Assert.Single(Assert.Single((await GetAsync(alice, $"/v1/usage/me?start_time={since}"))["data"]!.AsArray())!["results"]!.AsArray())!;
        seen[AliceId].AssertEquals(mine);
        Assert.Equal(seen[AliceId].Cost, mine["amount"]!["value"]!.GetValue<decimal>());
    }

    protected async Task Buckets_split_by_model_and_page_with_a_cursor()
    {
        using var admin = server.HttpAs(AdminKey);
        await server.ChatAs(AdminKey).CompleteChatAsync(Question, new ChatCompletionOptions { MaxOutputTokenCount = 8 });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var start = now - 3 * 60 + 1; // the request is in the third one-minute bucket

        var first = await GetAsync(admin, $"/v1/organization/usage/completions?start_time={start}&end_time={now + 1}&bucket_width=1m&limit=2&group_by=model");
        Assert.True((bool)first["has_more"]!);
        Assert.Equal(2, first["data"]!.AsArray().Count);
        Assert.Equal(start + 60, (long)first["data"]![1]!["start_time"]!);
        var second = await GetAsync(admin, $"/v1/organization/usage/completions?start_time={start}&end_time={now + 1}&bucket_width=1m&limit=2&group_by=model&page={first["next_page"]}");
        Assert.False((bool)second["has_more"]!);
        Assert.Null((string?)second["next_page"]);
        var last = Assert.Single(second["data"]!.AsArray())!;
        Assert.Equal(start + 120, (long)last["start_time"]!);
        Assert.Equal(ServerFixture.ModelId, (string?)Assert.Single(last["results"]!.AsArray())!["model"]);

        var (status, error, _) = await GetRawAsync(admin, $"/v1/organization/usage/completions?start_time={start}&bucket_width=1w");
        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "bucket_width", "invalid_value");
    }

    protected async Task The_same_request_is_never_recorded_twice()
    {
        await using LedgerStore store = server.Ledger.Provider == "Postgres"
            ? new PostgresLedgerStore(server.Ledger.ConnectionString!)
            : new SqliteLedgerStore(Path.GetDirectoryName(server.Ledger.SqlitePath)!);
        var longAgo = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero); // outside every other test's time range
        var record = new UsageRecord("req_twice_" + Guid.NewGuid().ToString("N"), "key_store_test", "twice-model", longAgo, longAgo,
            new TokenUsage(10, 0, 5, 5), 1, ["stop"], RequestOutcome.Completed, 1234);

        Assert.Equal(1, await store.InsertAsync([record], CancellationToken.None));
        Assert.Equal(0, await store.InsertAsync([record, record with { CostPicoUsd = 999 }], CancellationToken.None));
        var rows = (await server.Ledger.ReadAllAsync()).Where(r => r.RequestId == record.RequestId).ToList();
        Assert.Equal(1234, Assert.Single(rows).CostPicoUsd);
    }

    private static async Task<(TokenUsage Usage, string RequestId)> StreamLegacyAsync(HttpClient http)
    {
        var body = $$$"""{"model":"{{{ServerFixture.ModelId}}}","prompt":"Once upon a time","max_tokens":16,"seed":4,"stream":true,"stream_options":{"include_usage":true}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        var last = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e != "data: [DONE]").Last();
        return (Usage(JsonNode.Parse(last["data: ".Length..])!["usage"]!), RequestId(response));
    }

    /// <summary>
    /// Reads a few chunks of a stream that would fill the test model's whole window (seconds of decoding
    /// even for the tiny model), then drops the connection, which the server sees within milliseconds.
    /// </summary>
    /// <summary>
    /// The client leaves mid-stream: the engine generates on until it notices, and some of what it generated was
    /// never read by the request side. The ledger bills every one of them, as the engine counted them.
    /// </summary>
    protected async Task A_hung_up_stream_is_billed_for_every_token_the_engine_generated(int choices)
    {
        var engine = server.Services.GetRequiredService<ModelHost>().Current!.Engine;
        await WaitUntilIdleAsync(engine);
        var before = engine.Statistics.GeneratedTokens;

        var (requestId, _) = await StreamAndHangUpAsync(server.HttpAs(AliceKey), chunks: 3, choices);
        var row = await server.Ledger.WaitForAsync(requestId);
        await WaitUntilIdleAsync(engine);

        Assert.Equal("cancelled", row.Outcome);
        Assert.Equal(choices, row.Choices);
        Assert.Equal(engine.Statistics.GeneratedTokens - before, row.CompletionTokens);
        Assert.InRange(row.CompletionTokens, 3, (choices * LongStreamTokens) - 1);
        Assert.Equal(Cost(row.PromptTokens, row.CachedTokens, row.ReasoningTokens, row.AnswerTokens), Dollars(row.CostPicoUsd));
    }

    private static async Task WaitUntilIdleAsync(InferenceEngine engine)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (engine.Statistics.ActiveSequences > 0 || engine.QueuedRequests > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the engine never became idle");
            await Task.Delay(10);
        }
    }

    private static async Task<(string RequestId, int Chunks)> StreamAndHangUpAsync(HttpClient http, int chunks, int choices = 1)
    {
        using (http)
        {
            var body = new JsonObject
            {
                ["model"] = ServerFixture.ModelId, ["max_tokens"] = LongStreamTokens, ["stream"] = true, ["reasoning_format"] = "raw", ["n"] = choices,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Tell me a long story." }),
                // The end tokens are biased away, so the stream is still going when the client leaves.
                ["logit_bias"] = new JsonObject
                {
                    [ByteLevelBpeVocabulary.ThinkEndId.ToString(CultureInfo.InvariantCulture)] = -100,
                    [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100,
                },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var requestId = RequestId(response);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var seen = 0;
            while (seen < chunks && await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: {", StringComparison.Ordinal) && ((string?)JsonNode.Parse(line[6..])!["choices"]![0]!["delta"]!["content"])?.Length > 0)
                {
                    seen++;
                }
            }

            // Disposing the client closes its connections at once (disposing only the response would let the
            // handler drain the rest of the stream to reuse the connection).
            http.Dispose();
            response.Dispose();
            return (requestId, seen);
        }
    }

    private static void AssertRecordIs(TokenUsage usage, LedgerRow record, string keyId, string outcome)
    {
        Assert.Equal((keyId, outcome, ServerFixture.ModelId), (record.ApiKeyId, record.Outcome, record.Model));
        Assert.Equal((usage.PromptTokens, usage.CachedTokens, usage.ReasoningTokens, usage.AnswerTokens),
            (record.PromptTokens, record.CachedTokens, record.ReasoningTokens, record.AnswerTokens));
        Assert.Equal(Cost(usage.PromptTokens, usage.CachedTokens, usage.ReasoningTokens, usage.AnswerTokens), Dollars(record.CostPicoUsd));
        Assert.True(record.FinishedAtMs >= record.StartedAtMs);
    }

    private static TokenUsage Usage(JsonNode usage)
    {
        var reasoning = (int)usage["completion_tokens_details"]!["reasoning_tokens"]!;
        return new TokenUsage((int)usage["prompt_tokens"]!, (int)usage["prompt_tokens_details"]!["cached_tokens"]!, reasoning,
            (int)usage["completion_tokens"]! - reasoning);
    }

    private static string RequestId(HttpResponseMessage response) => response.Headers.GetValues("x-request-id").Single();

    private static decimal Dollars(long picodollars) => picodollars / 1_000_000_000_000m;

    private static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        var (status, body, _) = await GetRawAsync(http, path);
        Assert.True(status == 200, $"{path}: {status} {body?.ToJsonString()}");
        return body!;
    }

    private static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetRawAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()), response);
    }

    /// <summary>What the clients of one key were told, summed.</summary>
    private sealed class Totals
    {
        private long _input;
        private long _cached;
        private long _output;
        private long _reasoning;
        private long _requests;

        public decimal Cost => AccountingServerFixture.Cost(_input, _cached, _reasoning, _output - _reasoning);

        public void Add(TokenUsage usage) => Add(usage.PromptTokens, usage.CachedTokens, usage.CompletionTokens, usage.ReasoningTokens);

        public void Add(int input, int cached, int output, int reasoning)
        {
            _input += input;
            _cached += cached;
            _output += output;
            _reasoning += reasoning;
            _requests++;
        }

        public void AssertEquals(JsonNode result) =>
            Assert.Equal((_input, _cached, _output, _reasoning, _requests),
                ((long)result["input_tokens"]!, (long)result["input_cached_tokens"]!, (long)result["output_tokens"]!,
                 (long)result["output_reasoning_tokens"]!, (long)result["num_model_requests"]!));
    }
}
