using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using ReasoningServer.Tests.Infrastructure;

#pragma warning disable OPENAI001 // Seed and reasoning effort are marked experimental in the SDK

namespace ReasoningServer.Tests.Reasoning;

/// <summary>
/// Thinking budgets end to end: effort levels, explicit budgets, minimum thinking, history stripping and the
/// context window, each checked identical in streaming and non-streaming mode.
/// </summary>
/// <remarks>
/// The tiny model closes its thinking on its own after about 30 tokens; a logit bias on <c>&lt;/think&gt;</c>
/// (token 260) takes that away (-100) or makes it immediate (+100), so budgets decide where thinking ends.
/// </remarks>
[Collection(ReasoningServerCollection.Name)]
public sealed class ReasoningControlTests(ReasoningServerFixture server)
{
    private const int EndOfThinking = 260;
    private static readonly ChatMessage[] Question = [new UserChatMessage("What is 17 + 25?")];

    [Theory]
    [InlineData("minimal")]
    [InlineData("low")]
    [InlineData("medium")]
    [InlineData("high")]
    [InlineData("xhigh")]
    public async Task Each_effort_thinks_its_budget_then_the_forced_close(string effort)
    {
        var options = new ChatCompletionOptions
        {
            ReasoningEffortLevel = new ChatReasoningEffortLevel(effort),
            Seed = 7,
            MaxOutputTokenCount = 300,
            LogitBiases = { [EndOfThinking] = -100 },
        };

        ChatCompletion whole = await server.Chat().CompleteChatAsync(Question, options);
        var streamed = await StreamWithClientAsync(options);

        var expected = ReasoningServerFixture.Budgets[effort] + server.Forcing.Close.Length;
        Assert.Equal(expected, whole.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(expected, streamed.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(whole.Usage.OutputTokenCount, streamed.Usage.OutputTokenCount);
        Assert.Equal(whole.Content[0].Text, streamed.Content);
        Assert.True(whole.Usage.OutputTokenCount > expected, "after the forced close the model answers");
    }

    [Fact]
    public async Task The_forced_close_ends_the_reasoning_with_the_configured_message()
    {
        var outcome = await BothModesAsync(Body(seed: 8, bias: -100, ("reasoning_effort", "minimal")));

        Assert.EndsWith("I must answer now.\n", outcome.Reasoning);
        Assert.Equal(ReasoningServerFixture.Budgets["minimal"] + server.Forcing.Close.Length, outcome.ReasoningTokens);
    }

    [Fact]
    public async Task Effort_none_closes_thinking_before_generation()
    {
        var options = new ChatCompletionOptions { ReasoningEffortLevel = new ChatReasoningEffortLevel("none"), Seed = 9, MaxOutputTokenCount = 60 };
        ChatCompletion whole = await server.Chat().CompleteChatAsync(Question, options);
        var streamed = await StreamWithClientAsync(options);

        Assert.Equal(0, whole.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(0, streamed.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.True(whole.Usage.OutputTokenCount > 0);
        Assert.Equal(whole.Content[0].Text, streamed.Content);

        var outcome = await BothModesAsync(Body(seed: 9, bias: 0, ("reasoning_effort", "none")));
        Assert.Equal(string.Empty, outcome.Reasoning);
        // The closed section costs prompt tokens: "</think>\n\n" after the template's "<think>\n".
        var thinking = await BothModesAsync(Body(seed: 9, bias: 0));
        Assert.Equal(thinking.PromptTokens + 3, outcome.PromptTokens);
    }

    [Fact]
    public async Task An_unknown_effort_is_refused_naming_the_accepted_values()
    {
        var (status, body, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body(seed: 1, bias: 0, ("reasoning_effort", "extreme")));

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(body, "invalid_request_error", "reasoning_effort", "invalid_value");
        Assert.Contains("'none', 'minimal', 'low', 'medium', 'high', 'xhigh'", (string)body!["error"]!["message"]!);
    }

    [Fact]
    public async Task An_explicit_budget_is_capped_by_the_server_ceiling_and_the_alias_means_the_same()
    {
        var nested = Body(seed: 10, bias: -100);
        nested["reasoning"] = new JsonObject { ["max_tokens"] = 1000 };
        var alias = Body(seed: 10, bias: -100, ("thinking_budget_tokens", 1000));
        var lower = Body(seed: 10, bias: -100);
        lower["reasoning"] = new JsonObject { ["max_tokens"] = 12 };

        var capped = await BothModesAsync(nested);
        Assert.Equal(ReasoningServerFixture.Ceiling + server.Forcing.Close.Length, capped.ReasoningTokens);
        Assert.Equal(capped, await BothModesAsync(alias));
        Assert.Equal(12 + server.Forcing.Close.Length, (await BothModesAsync(lower)).ReasoningTokens);
    }

    [Fact]
    public async Task Minimum_thinking_replaces_an_early_close_with_the_continuation()
    {
        var body = Body(seed: 11, bias: +100);
        body["reasoning"] = new JsonObject { ["min_tokens"] = 20 };
        body["max_completion_tokens"] = 40;

        var outcome = await BothModesAsync(body);

        // Every sampled "</think>" below the minimum became the continuation; the first one after it closed.
        var continuation = server.Forcing.Continuation.Length;
        var continuations = (20 + continuation - 1) / continuation;
        Assert.Equal((continuations * continuation) + 1, outcome.ReasoningTokens);
        Assert.Equal(continuations, CountOf(outcome.Reasoning, "Wait,"));

        var without = Body(seed: 11, bias: +100);
        without["max_completion_tokens"] = 40;
        Assert.Equal(1, (await BothModesAsync(without)).ReasoningTokens); // only the close itself
    }

    [Fact]
    public async Task Max_completion_tokens_below_the_budget_ends_in_thinking_with_length()
    {
        var body = Body(seed: 12, bias: -100, ("reasoning_effort", "high"));
        body["max_completion_tokens"] = 20;

        var outcome = await BothModesAsync(body);

        Assert.Equal("length", outcome.Finish);
        Assert.Equal(string.Empty, outcome.Content);
        Assert.Equal(20, outcome.ReasoningTokens);
        Assert.Equal(20, outcome.CompletionTokens);
    }

    [Fact]
    public async Task Each_choice_of_n_has_its_own_budget_and_usage_sums_them()
    {
        var body = Body(seed: 17, bias: -100, ("reasoning_effort", "low"), ("n", 3));
        var (status, json, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.Equal(200, status);
        var perChoice = ReasoningServerFixture.Budgets["low"] + server.Forcing.Close.Length;
        Assert.Equal(3 * perChoice, (int)json!["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!);
        Assert.All(json["choices"]!.AsArray(), c => Assert.EndsWith("I must answer now.\n", (string)c!["message"]!["reasoning_content"]!));
    }

    [Fact]
    public async Task Exclude_hides_the_reasoning_but_still_counts_it()
    {
        var body = Body(seed: 13, bias: -100, ("reasoning_effort", "minimal"));
        body["reasoning"] = new JsonObject { ["exclude"] = true };

        var outcome = await BothModesAsync(body);

        Assert.Equal(string.Empty, outcome.Reasoning);
        Assert.Equal(ReasoningServerFixture.Budgets["minimal"] + server.Forcing.Close.Length, outcome.ReasoningTokens);
    }

    [Fact]
    public async Task Prior_reasoning_is_stripped_from_the_history_unless_all_turns_keep_it()
    {
        const string Thoughts = "The user greets me. I should greet back briefly and ask what they need.";
        JsonObject Conversation(JsonObject assistant, string? context = null)
        {
            var body = Body(seed: 14, bias: 0);
            body["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Hello!" },
                assistant,
                new JsonObject { ["role"] = "user", ["content"] = "What is 17 + 25?" });
            body["max_completion_tokens"] = 4;
            if (context is not null)
            {
                body["reasoning"] = new JsonObject { ["context"] = context };
            }

            return body;
        }

        var plain = await BothModesAsync(Conversation(new JsonObject { ["role"] = "assistant", ["content"] = "Hi. What do you need?" }));
        var field = await BothModesAsync(Conversation(new JsonObject { ["role"] = "assistant", ["content"] = "Hi. What do you need?", ["reasoning_content"] = Thoughts }));
        var vllmField = await BothModesAsync(Conversation(new JsonObject { ["role"] = "assistant", ["content"] = "Hi. What do you need?", ["reasoning"] = Thoughts }));
        var inline = await BothModesAsync(Conversation(new JsonObject { ["role"] = "assistant", ["content"] = $"<think>\n{Thoughts}\n</think>\n\nHi. What do you need?" }));
        var openedByTemplate = await BothModesAsync(Conversation(new JsonObject { ["role"] = "assistant", ["content"] = $"{Thoughts}\n</think>\n\nHi. What do you need?" }));
        var kept = await BothModesAsync(Conversation(new JsonObject { ["role"] = "assistant", ["content"] = "Hi. What do you need?", ["reasoning_content"] = Thoughts }, "all_turns"));

        Assert.Equal(plain.PromptTokens, field.PromptTokens);
        Assert.Equal(plain.PromptTokens, vllmField.PromptTokens);
        Assert.Equal(plain.PromptTokens, inline.PromptTokens);
        Assert.Equal(plain.PromptTokens, openedByTemplate.PromptTokens);
        // Kept: the thoughts (one token per byte in the tiny vocabulary) plus "<think>\n", "\n</think>\n\n".
        Assert.Equal(plain.PromptTokens + Encoding.UTF8.GetByteCount(Thoughts) + 6, kept.PromptTokens);
    }

    [Fact]
    public async Task A_prompt_just_over_the_window_is_refused_and_auto_truncation_makes_it_fit()
    {
        var window = await WindowAsync();
        // Three long turns of which the last two alone fit the window, but not all three.
        var turn = new string('a', (window / 2) - 40);
        var body = Body(seed: 15, bias: 0);
        body["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
            new JsonObject { ["role"] = "user", ["content"] = turn },
            new JsonObject { ["role"] = "assistant", ["content"] = "ok" },
            new JsonObject { ["role"] = "user", ["content"] = turn },
            new JsonObject { ["role"] = "assistant", ["content"] = "ok" },
            new JsonObject { ["role"] = "user", ["content"] = "And now?" });
        body["max_completion_tokens"] = 4;

        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "messages", "context_length_exceeded");
        Assert.Contains($"maximum context length is {window} tokens", (string)error!["error"]!["message"]!);

        body["truncation"] = "auto";
        var (okStatus, ok, response) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
        Assert.Equal(200, okStatus);
        Assert.Equal("2", response.Headers.GetValues("x-truncated-messages").Single());
        Assert.True((int)ok!["usage"]!["prompt_tokens"]! < window);
        var streamed = await BothModesAsync(body);
        Assert.Equal((int)ok["usage"]!["prompt_tokens"]!, streamed.PromptTokens);
    }

    [Fact]
    public async Task Generation_that_reaches_the_window_ends_with_length()
    {
        var window = await WindowAsync();
        var body = Body(seed: 16, bias: -100);
        body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new string('a', window - 40) });
        body["max_completion_tokens"] = null;
        body["reasoning"] = new JsonObject { ["max_tokens"] = ReasoningServerFixture.Ceiling };

        var outcome = await BothModesAsync(body);

        Assert.Equal("length", outcome.Finish);
        Assert.Equal(window, outcome.PromptTokens + outcome.CompletionTokens);
        Assert.Equal(outcome.CompletionTokens, outcome.ReasoningTokens); // clamped budget: never reached the answer
    }

    [Fact]
    public async Task Conflicting_or_negative_budgets_are_refused()
    {
        var conflicting = Body(seed: 1, bias: 0, ("thinking_budget_tokens", 10));
        conflicting["reasoning"] = new JsonObject { ["max_tokens"] = 20 };
        var negative = Body(seed: 1, bias: 0, ("thinking_budget_tokens", -1));
        var minAboveMax = Body(seed: 1, bias: 0);
        minAboveMax["reasoning"] = new JsonObject { ["max_tokens"] = 10, ["min_tokens"] = 20 };
        var badContext = Body(seed: 1, bias: 0);
        badContext["reasoning"] = new JsonObject { ["context"] = "some_turns" };
        var badTruncation = Body(seed: 1, bias: 0, ("truncation", "sometimes"));

        foreach (var (body, param) in new[]
        {
            (conflicting, "reasoning.max_tokens"), (negative, "thinking_budget_tokens"), (minAboveMax, "reasoning.min_tokens"),
            (badContext, "reasoning.context"), (badTruncation, "truncation"),
        })
        {
            var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
            Assert.Equal(400, status);
            ErrorShape.AssertIsError(error, "invalid_request_error", param, "invalid_value");
        }
    }

    private sealed record Outcome(string Content, string Reasoning, string Finish, int PromptTokens, int CompletionTokens, int ReasoningTokens);

    private sealed record StreamedCompletion(string Content, ChatTokenUsage Usage);

    private static JsonObject Body(long seed, int bias, params (string Name, JsonNode? Value)[] extra)
    {
        var body = new JsonObject
        {
            ["model"] = ServerFixture.ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is 17 + 25?" }),
            ["seed"] = seed,
            ["max_completion_tokens"] = 300,
            ["reasoning_format"] = "reasoning_content",
        };
        if (bias != 0)
        {
            body["logit_bias"] = new JsonObject { [EndOfThinking.ToString(System.Globalization.CultureInfo.InvariantCulture)] = bias };
        }

        foreach (var (name, value) in extra)
        {
            body[name] = value;
        }

        return body;
    }

    /// <summary>Runs the request as one JSON body and as a stream, asserts both say the same, and returns it.</summary>
    private async Task<Outcome> BothModesAsync(JsonObject body)
    {
        var (status, json, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
        Assert.True(status == 200, json?.ToJsonString());
        var message = json!["choices"]![0]!["message"]!;
        var whole = new Outcome(
            (string?)message["content"] ?? string.Empty,
            (string?)message["reasoning_content"] ?? string.Empty,
            (string)json["choices"]![0]!["finish_reason"]!,
            (int)json["usage"]!["prompt_tokens"]!,
            (int)json["usage"]!["completion_tokens"]!,
            (int)json["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!);

        var streaming = body.DeepClone().AsObject();
        streaming["stream"] = true;
        streaming["stream_options"] = new JsonObject { ["include_usage"] = true };
        var (events, done) = await HttpJson.StreamAsync(server.Http, "/v1/chat/completions", streaming);
        Assert.True(done);
        var content = new StringBuilder();
        var reasoning = new StringBuilder();
        string? finish = null;
        foreach (var chunk in events.Where(e => e["choices"]!.AsArray().Count > 0))
        {
            var choice = chunk["choices"]![0]!;
            content.Append((string?)choice["delta"]!["content"]);
            reasoning.Append((string?)choice["delta"]!["reasoning_content"]);
            finish ??= (string?)choice["finish_reason"];
        }

        var usage = events[^1]["usage"]!;
        var streamed = new Outcome(content.ToString(), reasoning.ToString(), finish!, (int)usage["prompt_tokens"]!,
            (int)usage["completion_tokens"]!, (int)usage["completion_tokens_details"]!["reasoning_tokens"]!);
        Assert.Equal(whole, streamed);
        return whole;
    }

    private async Task<StreamedCompletion> StreamWithClientAsync(ChatCompletionOptions options)
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in server.Chat().CompleteChatStreamingAsync(Question, options))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
        }

        return new StreamedCompletion(text.ToString(), usage!);
    }

    private async Task<int> WindowAsync()
    {
        var model = await server.Http.GetFromJsonAsync<JsonObject>($"/v1/models/{ServerFixture.ModelId}");
        return (int)model!["context_length"]!;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
