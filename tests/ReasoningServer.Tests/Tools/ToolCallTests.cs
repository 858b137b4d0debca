using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using ReasoningServer.Tests.Infrastructure;

#pragma warning disable OPENAI001 // seed is marked experimental in the SDK

namespace ReasoningServer.Tests.Tools;

/// <summary>
/// Tool calls end to end with the official OpenAI .NET client, on a tiny random-weight model with Qwen3's real
/// template: a forced call is a valid call even from random weights (the grammar), it round-trips through the
/// template, and a streamed call reassembles into the same call.
/// </summary>
[Collection(Qwen3ServerCollection.Name)]
public sealed class ToolCallTests(Qwen3ServerFixture server)
{
    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":16},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"],"additionalProperties":false}
        """;

    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.", BinaryData.FromString(WeatherSchema));

    private static readonly ChatTool Time = ChatTool.CreateFunctionTool("get_time", "Local time in a city.",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string","maxLength":16}},"required":["city"],"additionalProperties":false}"""));

    private ChatClient Chat => server.Chat(Qwen3ServerFixture.Qwen3ModelId);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_named_tool_choice_gets_a_valid_call_of_that_function(int seed)
    {
        var options = Options(seed, ChatToolChoice.CreateFunctionChoice("get_weather"), Weather, Time);

        ChatCompletion completion = await Chat.CompleteChatAsync([new UserChatMessage("What's the weather in Paris?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Matches("^call_[A-Za-z0-9]{24}$", call.Id);
        AssertValid(WeatherSchema, call.FunctionArguments.ToString());
        Assert.Empty(completion.Content); // the call's markup never reaches the content
    }

    [Fact]
    public async Task A_call_round_trips_through_the_template_to_a_final_answer()
    {
        List<ChatMessage> messages = [new UserChatMessage("What's the weather in Paris?")];
        ChatCompletion call = await Chat.CompleteChatAsync(messages, Options(4, ChatToolChoice.CreateFunctionChoice("get_weather"), Weather));
        Assert.Equal(ChatFinishReason.ToolCalls, call.FinishReason);

        messages.Add(new AssistantChatMessage(call));
        messages.Add(new ToolChatMessage(call.ToolCalls[0].Id, "18 degrees and sunny"));
        var final = Options(5, ChatToolChoice.CreateAutoChoice(), Weather);
        final.MaxOutputTokenCount = 16;
        ChatCompletion answer = await Chat.CompleteChatAsync(messages, final);

        Assert.Empty(answer.ToolCalls);
        Assert.NotEqual(ChatFinishReason.ToolCalls, answer.FinishReason);
        Assert.NotEmpty(answer.Content);
        // The call and its result are in the second prompt, after the first one (the template rendered them: tool_calls,
        // role "tool"; re-tokenized, the call takes fewer tokens than the grammar-sampled ones).
        Assert.True(answer.Usage.InputTokenCount > call.Usage.InputTokenCount + 10,
            $"{answer.Usage.InputTokenCount} prompt tokens after a {call.Usage.InputTokenCount}-token prompt and a {call.Usage.OutputTokenCount}-token call");
        Assert.True(answer.Usage.InputTokenDetails.CachedTokenCount > call.Usage.InputTokenCount / 2);
    }

    [Fact]
    public async Task A_streamed_call_reassembles_into_the_call_the_same_request_gets_whole()
    {
        var options = Options(6, ChatToolChoice.CreateFunctionChoice("get_weather"), Weather);
        ChatMessage[] messages = [new UserChatMessage("Weather in Rome?")];
        ChatCompletion whole = await Chat.CompleteChatAsync(messages, options);

        var ids = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        var pieces = 0;
        ChatFinishReason? finish = null;
        await foreach (var update in Chat.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                if (part.ToolCallId is { } id)
                {
                    ids[part.Index] = id;
                }

                if (part.FunctionName is { } name)
                {
                    names[part.Index] = name;
                }

                var piece = part.FunctionArgumentsUpdate?.ToString() ?? string.Empty;
                (arguments.TryGetValue(part.Index, out var text) ? text : arguments[part.Index] = new StringBuilder()).Append(piece);
                pieces += piece.Length > 0 ? 1 : 0;
            }

            Assert.True(update.ContentUpdate.All(c => c.Text.Length == 0), "no call markup in the streamed content");
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal([0], ids.Keys);
        Assert.Matches("^call_[A-Za-z0-9]{24}$", ids[0]);
        Assert.Equal(whole.ToolCalls[0].FunctionName, names[0]);
        Assert.Equal(whole.ToolCalls[0].FunctionArguments.ToString(), arguments[0].ToString());
        Assert.True(pieces > 1, $"the arguments came in {pieces} piece(s)");
    }

    [Fact]
    public async Task Required_lets_the_model_choose_among_the_tools_and_every_call_is_valid()
    {
        for (var seed = 10; seed < 16; seed++)
        {
            var options = Options(seed, ChatToolChoice.CreateRequiredChoice(), Weather, Time);
            ChatCompletion completion = await Chat.CompleteChatAsync([new UserChatMessage("Weather and time in Oslo?")], options);

            Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
            Assert.NotEmpty(completion.ToolCalls);
            foreach (var call in completion.ToolCalls)
            {
                Assert.Contains(call.FunctionName, new[] { "get_weather", "get_time" });
                AssertValid(call.FunctionName == "get_weather" ? WeatherSchema : Time.FunctionParameters.ToString(), call.FunctionArguments.ToString());
            }
        }
    }

    [Fact]
    public async Task Auto_with_a_strict_tool_constrains_a_call_once_the_model_starts_one()
    {
        // The random model would not start a call by itself: a bias on <tool_call> makes it, and from that token on
        // the lazy grammar holds the call to the strict schema; without parallel calls the turn ends after one.
        var body = new JsonObject
        {
            ["model"] = Qwen3ServerFixture.Qwen3ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Weather in Lima?" }),
            ["tools"] = JsonNode.Parse($$$"""[{"type":"function","function":{"name":"get_weather","parameters":{{{WeatherSchema}}},"strict":true}}]"""),
            ["parallel_tool_calls"] = false,
            ["logit_bias"] = new JsonObject { [ToolCallToken.ToString(System.Globalization.CultureInfo.InvariantCulture)] = 100 },
            ["reasoning_effort"] = "none",
            ["seed"] = 21,
            ["max_completion_tokens"] = 200,
        };

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
        var choice = response!["choices"]![0]!;
        Assert.Equal("tool_calls", (string?)choice["finish_reason"]);
        var call = Assert.Single(choice["message"]!["tool_calls"]!.AsArray());
        Assert.Equal("get_weather", (string?)call!["function"]!["name"]);
        AssertValid(WeatherSchema, (string)call["function"]!["arguments"]!);
    }

    [Fact]
    public async Task Thinking_before_a_forced_call_is_free_counted_as_reasoning_and_kept_out_of_the_call()
    {
        // Biased to open a thinking section and thinking on a small budget: budget forcing closes it, then the grammar.
        var body = new JsonObject
        {
            ["model"] = Qwen3ServerFixture.Qwen3ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Weather in Lima?" }),
            ["tools"] = JsonNode.Parse($$$"""[{"type":"function","function":{"name":"get_weather","parameters":{{{WeatherSchema}}}}}]"""),
            ["tool_choice"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather" } },
            ["logit_bias"] = new JsonObject { [ThinkToken.ToString(System.Globalization.CultureInfo.InvariantCulture)] = 100 },
            ["reasoning_effort"] = "low",
            ["reasoning_format"] = "reasoning_content",
            ["seed"] = 22,
            ["max_completion_tokens"] = 300,
        };

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
        var choice = response!["choices"]![0]!;
        Assert.Equal("tool_calls", (string?)choice["finish_reason"]);
        AssertValid(WeatherSchema, (string)choice["message"]!["tool_calls"]![0]!["function"]!["arguments"]!);
        Assert.False(string.IsNullOrEmpty((string?)choice["message"]!["reasoning_content"]));
        var reasoning = (int)response["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!;
        Assert.InRange(reasoning, Qwen3ServerFixture.LowBudget, Qwen3ServerFixture.LowBudget + 40);
    }

    private int ToolCallToken => server.Services.GetService<ReasoningServer.Serving.ModelHost>()!.Current!.Tokenizer.FindSingleToken("<tool_call>")!.Value.Value;

    private int ThinkToken => server.Services.GetService<ReasoningServer.Serving.ModelHost>()!.Current!.Tokenizer.FindSingleToken("<think>")!.Value.Value;

    private static ChatCompletionOptions Options(int seed, ChatToolChoice choice, params ChatTool[] tools)
    {
        var options = new ChatCompletionOptions { Seed = seed, ToolChoice = choice, MaxOutputTokenCount = 200, ReasoningEffortLevel = new ChatReasoningEffortLevel("none") };
        foreach (var tool in tools)
        {
            options.Tools.Add(tool);
        }

        return options;
    }

    private static void AssertValid(string schema, string arguments)
    {
        using var document = JsonDocument.Parse(arguments);
        var result = JsonSchema.FromText(schema).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{arguments} does not follow {schema}");
    }
}
