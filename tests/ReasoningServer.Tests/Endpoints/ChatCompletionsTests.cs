using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK

namespace ReasoningServer.Tests.Endpoints;

/// <summary>Chat completions through the official OpenAI client against the real server and tiny model.</summary>
[Collection(ServerCollection.Name)]
public sealed class ChatCompletionsTests(ServerFixture server)
{
    private static readonly ChatMessage[] Question = [new SystemChatMessage("You are terse."), new UserChatMessage("What is 17 + 25?")];

    private static ChatCompletionOptions Options(long seed) => new() { Seed = seed, Temperature = 1f, MaxOutputTokenCount = 400 };

    [Fact]
    public async Task Completion_counts_reasoning_and_hides_it_from_content()
    {
        var seed = await FirstSeedAsync(11, m => ((string)m["reasoning_content"]!).Length > 0 && ((string)m["content"]!).Length > 0);
        ChatCompletion completion = await server.Chat().CompleteChatAsync(Question, Options(seed));

        var usage = completion.Usage;
        Assert.True(usage.OutputTokenDetails.ReasoningTokenCount > 0, "the tiny model thinks before it answers");
        Assert.True(usage.OutputTokenCount > usage.OutputTokenDetails.ReasoningTokenCount, "and then answers");
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ServerFixture.ModelId, completion.Model);

        // The same request with reasoning shown: the hidden answer is exactly the visible answer, and the
        // thinking it left out is what the usage counted as reasoning.
        var shown = await RawAsync(seed, format: "reasoning_content");
        var message = shown["choices"]![0]!["message"]!;
        Assert.Equal(completion.Content[0].Text, (string?)message["content"]);
        var reasoning = (string)message["reasoning_content"]!;
        Assert.NotEmpty(reasoning);
        Assert.DoesNotContain(reasoning, completion.Content[0].Text);
        Assert.DoesNotContain("</think>", completion.Content[0].Text);
        Assert.Equal(usage.OutputTokenDetails.ReasoningTokenCount, (int)shown["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!);
    }

    [Fact]
    public async Task Raw_format_returns_thinking_and_delimiter_in_content()
    {
        var shown = (await RawAsync(seed: 12, format: "reasoning_content"))["choices"]![0]!["message"]!;
        var raw = (await RawAsync(seed: 12, format: "raw"))["choices"]![0]!["message"]!;
        var rawContent = (string)raw["content"]!;

        Assert.Null(raw["reasoning_content"]);
        Assert.StartsWith((string)shown["reasoning_content"]! + "</think>", rawContent);
        Assert.EndsWith((string)shown["content"]!, rawContent);
    }

    [Fact]
    public async Task Streaming_gives_the_same_text_and_usage_as_a_single_response()
    {
        ChatCompletion whole = await server.Chat().CompleteChatAsync(Question, Options(seed: 21));

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in server.Chat().CompleteChatStreamingAsync(Question, Options(seed: 21)))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(whole.FinishReason, finish);
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.InputTokenCount, usage.InputTokenCount);
        Assert.Equal(whole.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(whole.Usage.TotalTokenCount, usage.TotalTokenCount);
        Assert.Equal(whole.Usage.OutputTokenDetails.ReasoningTokenCount, usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task Stream_follows_OpenAI_chunk_shapes_with_include_usage()
    {
        var body = Body(seed: 22, format: "reasoning_content");
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };
        var (events, done) = await HttpJson.StreamAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(done);
        var usageChunk = events[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.NotNull(usageChunk["usage"]);
        foreach (var chunk in events[..^1])
        {
            Assert.Equal("chat.completion.chunk", (string?)chunk["object"]);
            Assert.True(chunk.AsObject().ContainsKey("usage") && chunk["usage"] is null, "every other chunk carries usage: null");
            Assert.Single(chunk["choices"]!.AsArray());
        }

        Assert.Equal("assistant", (string?)events[0]["choices"]![0]!["delta"]!["role"]);
        Assert.NotNull((string?)events[^2]["choices"]![0]!["finish_reason"]);

        var whole = await RawAsync(seed: 22, format: "reasoning_content");
        var deltas = events.SelectMany(e => e["choices"]!.AsArray()).Select(c => c!["delta"]!).ToList();
        Assert.Equal((string?)whole["choices"]![0]!["message"]!["reasoning_content"], string.Concat(deltas.Select(d => (string?)d["reasoning_content"])));
        Assert.Equal((string?)whole["choices"]![0]!["message"]!["content"], string.Concat(deltas.Select(d => (string?)d["content"])));
        Assert.Equal(whole["usage"]!.ToJsonString(), usageChunk["usage"]!.ToJsonString());
    }

    [Fact]
    public async Task Stream_without_include_usage_has_no_usage_field()
    {
        var body = Body(seed: 23, format: "hidden");
        body["stream"] = true;
        var (events, done) = await HttpJson.StreamAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(done);
        Assert.All(events, chunk => Assert.False(chunk.AsObject().ContainsKey("usage")));
        Assert.NotNull((string?)events[^1]["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task Hitting_max_completion_tokens_ends_with_length()
    {
        var options = new ChatCompletionOptions { Seed = 5, MaxOutputTokenCount = 3 };
        options.LogitBiases[ByteLevelBpeVocabulary.ThinkEndId] = -100; // the model must still be thinking when the limit hits
        ChatCompletion completion = await server.Chat().CompleteChatAsync(Question, options);

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(3, completion.Usage.OutputTokenCount);
        Assert.Equal(3, completion.Usage.OutputTokenDetails.ReasoningTokenCount); // cut off while still thinking
        Assert.True(completion.Content.Count == 0 || completion.Content[0].Text.Length == 0);
    }

    [Fact]
    public async Task Logprobs_cover_exactly_the_visible_tokens()
    {
        var options = Options(seed: 31);
        options.IncludeLogProbabilities = true;
        options.TopLogProbabilityCount = 3;
        ChatCompletion completion = await server.Chat().CompleteChatAsync(Question, options);

        var logprobs = completion.ContentTokenLogProbabilities;
        var answerTokens = completion.Usage.OutputTokenCount - completion.Usage.OutputTokenDetails.ReasoningTokenCount;
        // Every answer token has a logprob except the end-of-turn token, which is counted but never shown.
        Assert.Equal(answerTokens - (completion.FinishReason == ChatFinishReason.Stop ? 1 : 0), logprobs.Count);
        Assert.Equal(completion.Content[0].Text, string.Concat(logprobs.Select(l => l.Token)));
        Assert.All(logprobs, l =>
        {
            Assert.True(l.LogProbability <= 0);
            Assert.Equal(3, l.TopLogProbabilities.Count);
            Assert.True(l.TopLogProbabilities[0].LogProbability >= l.LogProbability - 1e-4);
        });
    }

    [Fact]
    public async Task Stop_sequence_cuts_the_answer_where_it_starts()
    {
        var seed = await FirstSeedAsync(41, m => ((string)m["content"]!).Length >= 6);
        ChatCompletion free = await server.Chat().CompleteChatAsync(Question, Options(seed));
        var answer = free.Content[0].Text;
        var stop = answer.Substring(3, 2);

        var options = Options(seed);
        options.StopSequences.Add(stop);
        ChatCompletion cut = await server.Chat().CompleteChatAsync(Question, options);

        Assert.Equal(answer[..answer.IndexOf(stop, StringComparison.Ordinal)], cut.Content.Count == 0 ? string.Empty : cut.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, cut.FinishReason);
        Assert.True(cut.Usage.OutputTokenCount < free.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Several_choices_use_successive_seeds_and_sum_their_usage()
    {
        var body = Body(seed: 51, format: "reasoning_content");
        body["n"] = 2;
        var (status, both, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
        Assert.Equal(200, status);
        var first = await RawAsync(seed: 51, format: "reasoning_content");
        var second = await RawAsync(seed: 52, format: "reasoning_content");

        var choices = both!["choices"]!.AsArray();
        Assert.Equal([0, 1], choices.Select(c => (int)c!["index"]!));
        Assert.Equal(first["choices"]![0]!["message"]!.ToJsonString(), choices[0]!["message"]!.ToJsonString());
        Assert.Equal(second["choices"]![0]!["message"]!.ToJsonString(), choices[1]!["message"]!.ToJsonString());
        Assert.Equal((int)first["usage"]!["prompt_tokens"]!, (int)both["usage"]!["prompt_tokens"]!);
        foreach (var field in new[] { "completion_tokens" })
        {
            Assert.Equal((int)first["usage"]![field]! + (int)second["usage"]![field]!, (int)both["usage"]![field]!);
        }

        Assert.Equal(
            (int)first["usage"]!["completion_tokens_details"]!["reasoning_tokens"]! + (int)second["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!,
            (int)both["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!);
    }

    [Fact]
    public async Task Streamed_choices_are_tagged_by_index_and_match_their_single_responses()
    {
        var body = Body(seed: 71, format: "reasoning_content");
        body["n"] = 2;
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };
        var (events, done) = await HttpJson.StreamAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(done);
        var completionTokens = 0;
        for (var index = 0; index < 2; index++)
        {
            var deltas = events.SelectMany(e => e["choices"]!.AsArray()).Where(c => (int)c!["index"]! == index).ToList();
            Assert.Equal("assistant", (string?)deltas[0]!["delta"]!["role"]);
            Assert.Single(deltas, d => d!["finish_reason"] is not null);
            var alone = await RawAsync(seed: 71 + index, format: "reasoning_content");
            Assert.Equal((string?)alone["choices"]![0]!["message"]!["content"], string.Concat(deltas.Select(d => (string?)d!["delta"]!["content"])));
            completionTokens += (int)alone["usage"]!["completion_tokens"]!;
        }

        Assert.Equal(completionTokens, (int)events[^1]["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_stream_leaves_the_server_serving()
    {
        var body = Body(seed: 61, format: "hidden");
        body["stream"] = true;
        body["max_completion_tokens"] = 3000;
        body["logit_bias"] = new JsonObject // never close thinking or the turn
        {
            [$"{ByteLevelBpeVocabulary.ImEndId}"] = -100,
            [$"{ByteLevelBpeVocabulary.ThinkEndId}"] = -100,
        };
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") })
        using (var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            await reader.ReadLineAsync(); // the first chunk arrived; now hang up
        }

        ChatCompletion next = await server.Chat().CompleteChatAsync(Question, Options(seed: 62));
        Assert.Equal(ChatFinishReason.Stop, next.FinishReason);
    }

    private static JsonObject Body(long seed, string format) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
            new JsonObject { ["role"] = "user", ["content"] = "What is 17 + 25?" }),
        ["seed"] = seed,
        ["temperature"] = 1,
        ["max_completion_tokens"] = 400,
        ["reasoning_format"] = format,
    };

    /// <summary>
    /// The first seed from <paramref name="from"/> whose message has the shape a test needs. The tiny model is
    /// random; which seed gives which shape depends on the CPU's arithmetic, so tests search rather than hard-code.
    /// </summary>
    private async Task<long> FirstSeedAsync(long from, Func<JsonNode, bool> wanted)
    {
        for (var seed = from; seed < from + 50; seed++)
        {
            if (wanted((await RawAsync(seed, format: "reasoning_content"))["choices"]![0]!["message"]!))
            {
                return seed;
            }
        }

        throw new InvalidOperationException($"No seed in [{from}, {from + 50}) gives the needed output.");
    }

    private async Task<JsonNode> RawAsync(long seed, string format)
    {
        var (status, body, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body(seed, format));
        Assert.Equal(200, status);
        return body!;
    }
}
