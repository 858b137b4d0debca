using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Clients;

/// <summary>Tool calls with the official <c>openai</c> npm client, on the tiny Qwen3-template model.</summary>
[Collection(Qwen3ServerCollection.Name)]
public sealed class NodeClientToolTests(Qwen3ServerFixture server)
{
    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":16}},"required":["city"],"additionalProperties":false}
        """;

    [Fact]
    public async Task A_forced_call_round_trips_to_a_final_answer()
    {
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, Qwen3ServerFixture.Qwen3ModelId, "tool_round_trip", Schema());

        var call = result["call"]!;
        Assert.Equal("tool_calls", (string?)call["finish_reason"]);
        var toolCall = Assert.Single(call["tool_calls"]!.AsArray())!;
        Assert.Equal("get_weather", (string?)toolCall["function"]!["name"]);
        Assert.StartsWith("call_", (string?)toolCall["id"]);
        AssertValid((string)toolCall["function"]!["arguments"]!);
        Assert.Null((string?)call["content"]);

        var answer = result["answer"]!;
        Assert.NotEqual("tool_calls", (string?)answer["finish_reason"]);
        Assert.Null(answer["tool_calls"]);
        // The call and its result follow the first prompt, which the prefix cache recognises.
        Assert.True((int)answer["usage"]!["prompt_tokens"]! > (int)call["usage"]!["prompt_tokens"]! + 10, result.ToJsonString());
        Assert.True((int)answer["usage"]!["prompt_tokens_details"]!["cached_tokens"]! > (int)call["usage"]!["prompt_tokens"]! / 2, result.ToJsonString());
    }

    [Fact]
    public async Task The_clients_stream_helper_reassembles_the_streamed_call()
    {
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, Qwen3ServerFixture.Qwen3ModelId, "tool_stream", Schema());

        Assert.Equal("tool_calls", (string?)result["streamed"]!["finish_reason"]);
        var streamed = Assert.Single(result["streamed"]!["tool_calls"]!.AsArray())!;
        var whole = Assert.Single(result["whole"]!["tool_calls"]!.AsArray())!;
        Assert.Equal((string?)whole["function"]!["name"], (string?)streamed["function"]!["name"]);
        Assert.Equal((string?)whole["function"]!["arguments"], (string?)streamed["function"]!["arguments"]);
        AssertValid((string)streamed["function"]!["arguments"]!);
        Assert.True((int)result["argument_deltas"]! > 1);
    }

    [Fact]
    public async Task An_unknown_field_reaches_the_client_as_an_OpenAI_error_naming_it()
    {
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, Qwen3ServerFixture.Qwen3ModelId, "bad_request");

        var error = result["error"]!;
        Assert.Equal(400, (int)error["status"]!);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal("temprature", (string?)error["param"]);
    }

    [Fact]
    public async Task A_Responses_function_call_round_trips_through_previous_response_id()
    {
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, Qwen3ServerFixture.Qwen3ModelId, "responses_function_call", Schema());

        var call = result["call"]!;
        Assert.Equal("get_weather", (string?)call["name"]);
        Assert.StartsWith("call_", (string?)call["call_id"]);
        AssertValid((string)call["arguments"]!);
        var answered = result["answered"]!;
        Assert.DoesNotContain(answered["output"]!.AsArray(), o => (string?)o!["type"] == "function_call");
        Assert.True((int)answered["usage"]!["input_tokens"]! > (int)result["called_usage"]!["input_tokens"]! + 10);
    }

    private static JsonObject Schema() => new() { ["schema"] = JsonNode.Parse(WeatherSchema) };

    private static void AssertValid(string arguments)
    {
        using var document = JsonDocument.Parse(arguments);
        Assert.True(JsonSchema.FromText(WeatherSchema).Evaluate(document.RootElement).IsValid, arguments);
    }
}
