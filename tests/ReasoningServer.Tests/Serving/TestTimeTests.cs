using System.ClientModel;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Serving;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Serving;

/// <summary>
/// test_time on the one-slot server: the samples run one after another, so each reproduces the single request
/// with its seed bit for bit, and early stopping has samples left to cancel.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class TestTimeTests(ServerFixture server)
{
    private EngineStatistics Statistics => server.Services.GetRequiredService<ModelHost>().Current!.Engine.Statistics;

    [Fact]
    public async Task Early_stopping_starts_only_the_samples_that_could_decide_and_never_the_rest_when_they_agree()
    {
        // Every sample answers "7…7". Five agreeing of eight decide (5 > 0 + 3), so only five start; the server
        // starts samples, not the engine's timing, so this holds on any machine and at any load.
        var before = Statistics;

        var (response, samples) = await EarlyStoppingAsync(samples: 8, maxTokens: 200, TestTimeBody.Seven);

        var report = response["test_time"]!;
        var content = (string)response["choices"]![0]!["message"]!["content"]!;
        Assert.True((bool)report["early_stopped"]!);
        Assert.Equal(["length", "length", "length", "length", "length", "cancelled", "cancelled", "cancelled"],
            samples.Select(s => (string)s!["finish_reason"]!));
        Assert.All(samples.Take(5), s => Assert.Equal(200, (int)s!["completion_tokens"]!));
        Assert.All(samples.Skip(5), s => Assert.Equal(0, (int)s!["completion_tokens"]!));
        Assert.Equal(5, (int)report["samples_run"]!);
        Assert.Equal(5 * 200, (int)response["usage"]!["completion_tokens"]!);
        Assert.Equal(5, (int)report["votes"]![new string('7', 200)]!);
        Assert.Equal(1.0, (double)report["agreement"]!);
        Assert.Matches("^7{200}$", content);

        // The engine saw only the five: sequences admitted are those that ran, and every slot is free again
        // (the busy count is published at the engine's next step, hence the wait).
        Assert.Equal(5, Statistics.Sequences - before.Sequences);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Statistics.ActiveSequences > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "a sample's slot was never released");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Early_stopping_starts_more_samples_while_the_vote_stays_split()
    {
        // Random strings of 1s and 2s never agree: the vote stays open, so every sample is started in the end.
        var before = Statistics;

        var (response, samples) = await EarlyStoppingAsync(samples: 6, maxTokens: 24, TestTimeBody.One, TestTimeBody.Two);

        var report = response["test_time"]!;
        Assert.False((bool)report["early_stopped"]!);
        Assert.Equal(6, (int)report["samples_run"]!);
        Assert.Equal(6, report["votes"]!.AsObject().Count);
        Assert.All(samples, s => Assert.Equal(24, (int)s!["completion_tokens"]!));
        Assert.Equal(6, Statistics.Sequences - before.Sequences);
    }

    [Fact]
    public async Task Without_early_stopping_every_sample_runs_even_when_they_agree()
    {
        var body = TestTimeBody.Digits(samples: 4, maxTokens: 20, "self_consistency", TestTimeBody.Seven);
        body["test_time"]!["early_stop"] = false;

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.Equal(200, status);
        var report = response!["test_time"]!;
        TestTimeReport.AssertConsistent(report, response["usage"]!, (string)response["choices"]![0]!["message"]!["content"]!);
        Assert.Equal(4, (int)report["samples_run"]!);
        Assert.False((bool)report["early_stopped"]!);
        Assert.Equal(4, (int)report["votes"]!["7"]!);
    }

    [Fact]
    public async Task Each_sample_reproduces_the_single_request_with_its_derived_seed()
    {
        var body = TestTimeBody.Digits(samples: 3, maxTokens: 16, "self_consistency", TestTimeBody.One, TestTimeBody.Two);

        var (_, first, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
        var (_, second, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        // The same seeded request decides the same way.
        Assert.Equal(first!["test_time"]!.ToJsonString(), second!["test_time"]!.ToJsonString());
        Assert.Equal((string?)first["choices"]![0]!["message"]!["content"], (string?)second["choices"]![0]!["message"]!["content"]);

        // Sample i is the plain request with seed + i; the winner's content is that sample's.
        var samples = first["test_time"]!["samples"]!.AsArray();
        var contents = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var single = body.DeepClone().AsObject();
            single.Remove("test_time");
            single["seed"] = 40 + i;
            var (status, alone, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", single);
            Assert.Equal(200, status);
            contents.Add((string)alone!["choices"]![0]!["message"]!["content"]!);
            Assert.Equal(contents[i][^1..], (string?)samples[i]!["answer"]);
        }

        Assert.Equal(contents[(int)first["test_time"]!["winner_index"]!], (string?)first["choices"]![0]!["message"]!["content"]);
    }

    [Fact]
    public async Task Best_of_n_returns_a_verified_sample_with_the_best_score_among_them()
    {
        var body = TestTimeBody.Digits(samples: 6, maxTokens: 12, "best_of_n", TestTimeBody.One, TestTimeBody.Two);
        body["test_time"]!["score"] = "regex_verifier";
        body["test_time"]!["verifier_pattern"] = "2$";

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
        var report = response!["test_time"]!;
        var content = (string)response["choices"]![0]!["message"]!["content"]!;
        var samples = TestTimeReport.AssertConsistent(report, response["usage"]!, content);
        Assert.Equal("best_of_n", (string?)report["strategy"]);
        Assert.All(samples, s => Assert.Equal((string?)s!["answer"] == "2", (bool)s["verified"]!));
        Assert.All(samples, s => Assert.True((double)s!["score"]! <= 0));

        var winner = samples[(int)report["winner_index"]!]!;
        var pool = samples.Any(s => (bool)s!["verified"]!) ? samples.Where(s => (bool)s!["verified"]!).ToList() : [.. samples];
        Assert.Equal(pool.Max(s => (double)s!["score"]!), (double)winner["score"]!);
        Assert.Equal(pool.First(s => (double)s!["score"]! == (double)winner["score"]!)!["index"]!.GetValue<int>(), (int)report["winner_index"]!);
        Assert.Equal(samples.Any(s => (bool)s!["verified"]!), content.EndsWith('2'));
    }

    [Fact]
    public async Task The_official_sdk_sends_test_time_through_its_json_patch_and_sees_one_choice_with_every_samples_usage()
    {
        var options = new ChatCompletionOptions { Temperature = 1, MaxOutputTokenCount = 10 };
#pragma warning disable SCME0001 // JSON patches are the SDK's way to send extension fields.
        options.Patch.Set("$.test_time"u8, BinaryData.FromObjectAsJson(new { strategy = "self_consistency", samples = 3 }));
#pragma warning restore SCME0001
#pragma warning disable OPENAI001 // seed and reasoning_effort are marked experimental in the SDK.
        options.Seed = 40;
        options.ReasoningEffortLevel = new ChatReasoningEffortLevel("none");
#pragma warning restore OPENAI001
        options.LogitBiases[TestTimeBody.Seven] = 100;

        ClientResult<ChatCompletion> result = await server.Chat().CompleteChatAsync([new UserChatMessage("What is 3 + 4?")], options);

        var completion = result.Value;
        Assert.Equal("7777777777", Assert.Single(completion.Content).Text);
        Assert.Equal(3 * 10, completion.Usage.OutputTokenCount);
        var report = JsonNode.Parse(result.GetRawResponse().Content.ToString())!["test_time"]!;
        Assert.Equal(3, (int)report["samples_run"]!);
        Assert.Equal(3, (int)report["votes"]!["7777777777"]!);
    }

    [Theory]
    [InlineData("n with test_time", """{"n":2,"test_time":{"strategy":"self_consistency","samples":2}}""", "n")]
    [InlineData("unknown strategy", """{"test_time":{"strategy":"vote","samples":2}}""", "test_time.strategy")]
    [InlineData("missing strategy", """{"test_time":{"samples":2}}""", "test_time.strategy")]
    [InlineData("no samples", """{"test_time":{"strategy":"best_of_n"}}""", "test_time.samples")]
    [InlineData("zero samples", """{"test_time":{"strategy":"best_of_n","samples":0}}""", "test_time.samples")]
    [InlineData("too many samples", """{"test_time":{"strategy":"best_of_n","samples":33}}""", "test_time.samples")]
    [InlineData("unknown extraction", """{"test_time":{"strategy":"self_consistency","samples":2,"answer":{"extract":"first_word"}}}""", "test_time.answer.extract")]
    [InlineData("regex without pattern", """{"test_time":{"strategy":"self_consistency","samples":2,"answer":{"extract":"regex"}}}""", "test_time.answer.pattern")]
    [InlineData("invalid regex", """{"test_time":{"strategy":"self_consistency","samples":2,"answer":{"extract":"regex","pattern":"(x"}}}""", "test_time.answer.pattern")]
    [InlineData("pattern without regex", """{"test_time":{"strategy":"self_consistency","samples":2,"answer":{"pattern":"x"}}}""", "test_time.answer.pattern")]
    [InlineData("unknown score", """{"test_time":{"strategy":"best_of_n","samples":2,"score":"reward_model"}}""", "test_time.score")]
    [InlineData("verifier for a vote", """{"test_time":{"strategy":"self_consistency","samples":2,"score":"regex_verifier","verifier_pattern":"x"}}""", "test_time.score")]
    [InlineData("verifier without pattern", """{"test_time":{"strategy":"best_of_n","samples":2,"score":"regex_verifier"}}""", "test_time.verifier_pattern")]
    [InlineData("pattern without verifier", """{"test_time":{"strategy":"best_of_n","samples":2,"verifier_pattern":"x"}}""", "test_time.verifier_pattern")]
    [InlineData("early stop for best_of_n", """{"test_time":{"strategy":"best_of_n","samples":2,"early_stop":true}}""", "test_time.early_stop")]
    [InlineData("raw reasoning", """{"reasoning_format":"raw","test_time":{"strategy":"self_consistency","samples":2}}""", "reasoning_format")]
    public async Task Invalid_test_time_requests_get_a_400_naming_the_field(string label, string extension, string param)
    {
        var body = JsonNode.Parse(extension)!.AsObject();
        body["model"] = ServerFixture.ModelId;
        body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" });
        var before = Statistics.Sequences;

        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 400, label);
        ErrorShape.AssertIsError(error, "invalid_request_error", param, "invalid_value");
        Assert.Equal(before, Statistics.Sequences);
    }

    /// <summary>A self_consistency request with early stopping whose samples may only write the given digits; checks the report.</summary>
    private async Task<(JsonNode Response, JsonArray Samples)> EarlyStoppingAsync(int samples, int maxTokens, params int[] digits)
    {
        var body = TestTimeBody.Digits(samples, maxTokens, "self_consistency", digits);
        body["test_time"]!["early_stop"] = true;
        body["test_time"]!["answer"] = new JsonObject { ["extract"] = "last_number" };

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
        var content = (string)response!["choices"]![0]!["message"]!["content"]!;
        return (response, TestTimeReport.AssertConsistent(response["test_time"]!, response["usage"]!, content));
    }
}
