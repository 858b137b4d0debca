using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using ReasoningServer.Serving;
using ReasoningServer.Tests.Infrastructure;

#pragma warning disable OPENAI001 // seed is marked experimental in the SDK

namespace ReasoningServer.Tests.StructuredOutputs;

/// <summary>
/// <c>response_format</c> end to end with the official client on the tiny random-weight model, which thinks before it
/// answers: the thinking stays free and counted, the answer follows the schema for every seed.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StructuredOutputTests(ServerFixture server)
{
    private const string EventSchema = """
        {"type":"object","properties":{
          "name":{"type":"string","maxLength":12},
          "day":{"type":"integer","minimum":1,"maximum":31},
          "kind":{"type":"string","enum":["meeting","party","trip"]},
          "confirmed":{"type":"boolean"},
          "tags":{"type":"array","items":{"type":"string","maxLength":6},"maxItems":3},
          "place":{"anyOf":[{"type":"null"},{"$ref":"#/$defs/place"}]}},
         "required":["name","day","kind","confirmed","tags","place"],
         "additionalProperties":false,
         "$defs":{"place":{"type":"object","properties":{"city":{"type":"string","maxLength":10}},"required":["city"],"additionalProperties":false}}}
        """;

    [Fact]
    public async Task A_json_schema_answer_parses_and_validates_for_a_hundred_seeds()
    {
        var schema = JsonSchema.FromText(EventSchema);
        var failures = new List<string>();
        var thought = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            var options = new ChatCompletionOptions
            {
                Seed = seed,
                MaxOutputTokenCount = 600,
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("event", BinaryData.FromString(EventSchema), jsonSchemaIsStrict: true),
            };
            ChatCompletion completion = await server.Chat().CompleteChatAsync([new UserChatMessage("Extract the event: team lunch on the 12th.")], options);
            var text = completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
            thought += completion.Usage.OutputTokenDetails.ReasoningTokenCount > 0 ? 1 : 0;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (!schema.Evaluate(document.RootElement).IsValid)
                {
                    failures.Add($"seed {seed}: invalid {text}");
                }
            }
            catch (JsonException e)
            {
                failures.Add($"seed {seed} ({completion.FinishReason}): {e.Message} in {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(100, thought); // the model thought first in every run: the grammar came after
    }

    [Fact]
    public async Task A_json_object_answer_is_an_object()
    {
        var options = new ChatCompletionOptions { Seed = 3, MaxOutputTokenCount = 400, ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        ChatCompletion completion = await server.Chat().CompleteChatAsync([new UserChatMessage("Reply in JSON.")], options);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(completion.Content[0].Text).RootElement.ValueKind);
    }

    [Fact]
    public async Task Thinking_closed_by_budget_forcing_is_followed_by_the_schema()
    {
        // A bias against the tiny model's own end of thinking: only budget forcing closes it.
        var body = Body(seed: 8);
        body["reasoning"] = new JsonObject { ["max_tokens"] = 20 };
        body["logit_bias"] = new JsonObject { ["260"] = -100 };
        body["reasoning_format"] = "reasoning_content";

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
        var message = response!["choices"]![0]!["message"]!;
        Assert.False(string.IsNullOrEmpty((string?)message["reasoning_content"]));
        using var document = JsonDocument.Parse((string)message["content"]!);
        Assert.True(JsonSchema.FromText(EventSchema).Evaluate(document.RootElement).IsValid, (string?)message["content"]);
        var close = server.Services.GetRequiredService<ModelHost>().Current!.Thinking.Forcing!.Close.Length;
        Assert.Equal(20 + close, (int)response["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!);
    }

    [Fact]
    public async Task A_streamed_json_schema_answer_is_the_same_as_the_whole_one()
    {
        var whole = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body(seed: 9));
        var streamed = Body(seed: 9);
        streamed["stream"] = true;
        var (events, done) = await HttpJson.StreamAsync(server.Http, "/v1/chat/completions", streamed);

        Assert.True(done);
        var text = string.Concat(events.Select(e => (string?)e["choices"]?[0]?["delta"]?["content"]));
        Assert.Equal((string?)whole.Body!["choices"]![0]!["message"]!["content"], text);
    }

    [Theory]
    [InlineData("""{"type":"object","patternProperties":{"^a":{"type":"string"}}}""", "patternProperties")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer","multipleOf":3}}}""", "multipleOf")]
    [InlineData("""{"type":"string","format":"credit-card"}""", "format")]
    [InlineData("""{"$ref":"https://example.com/schema.json"}""", "$ref")]
    public async Task A_schema_the_server_cannot_enforce_is_refused_naming_the_keyword(string schema, string keyword)
    {
        var body = Body(seed: 1);
        body["response_format"]!["json_schema"]!["schema"] = JsonNode.Parse(schema);

        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "response_format.json_schema.schema", "unsupported_schema");
        Assert.Contains($"'{keyword}'", (string?)error!["error"]!["message"]);
    }

    [Fact]
    public async Task A_strict_tool_whose_schema_cannot_be_enforced_is_refused_naming_the_tool()
    {
        var body = new JsonObject
        {
            ["model"] = ServerFixture.ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }),
            ["tools"] = JsonNode.Parse("""[{"type":"function","function":{"name":"a","parameters":{"type":"object"}}},{"type":"function","function":{"name":"b","strict":true,"parameters":{"type":"object","properties":{"x":{"not":{"type":"string"}}}}}}]"""),
            ["tool_choice"] = "required",
        };

        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "tools[1].function.parameters", "unsupported_schema");
        Assert.Contains("'not'", (string?)error!["error"]!["message"]);
    }

    private static JsonObject Body(int seed) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Extract the event." }),
        ["seed"] = seed,
        ["max_completion_tokens"] = 600,
        ["response_format"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "event", ["strict"] = true, ["schema"] = JsonNode.Parse(EventSchema) },
        },
    };
}
