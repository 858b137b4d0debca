using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Clients;

/// <summary>The Responses API with the official <c>openai</c> npm client (<c>client.responses</c>), on the tiny model that thinks first.</summary>
[Collection(ServerCollection.Name)]
public sealed class NodeClientResponsesTests(ServerFixture server)
{
    [Fact]
    public async Task A_turn_a_continued_turn_a_read_a_listing_and_a_deletion()
    {
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, ServerFixture.ModelId, "responses_basic");

        var first = result["first"]!;
        Assert.Equal("completed", (string?)first["status"]);
        Assert.False(string.IsNullOrEmpty((string?)first["output_text"]), "the client's output_text convenience works");
        Assert.Equal(["reasoning", "message"], first["output"]!.AsArray().Select(o => (string?)o!["type"]));
        Assert.True((int)first["usage"]!["output_tokens_details"]!["reasoning_tokens"]! > 0);
        Assert.Equal((string?)first["id"], (string?)result["second"]!["previous_response_id"]);
        Assert.True((int)result["second"]!["usage"]!["input_tokens"]! > (int)first["usage"]!["input_tokens"]!);
        Assert.Equal((string?)first["output_text"], (string?)result["stored_output_text"]);
        Assert.Equal("What is 12 + 30?", (string?)Assert.Single(result["input_items"]!.AsArray())!["content"]![0]!["text"]);
        Assert.True((bool)result["deleted"]!["deleted"]!);
    }

    [Fact]
    public async Task A_stream_is_OpenAIs_typed_events_with_sequence_numbers()
    {
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, ServerFixture.ModelId, "responses_stream");

        var types = result["types"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Equal("response.created", types[0]);
        Assert.Equal("response.in_progress", types[1]);
        Assert.Equal("response.completed", types[^1]);
        Assert.Contains("response.reasoning_summary_text.delta", types);
        Assert.Contains("response.output_text.done", types);
        Assert.Equal(Enumerable.Range(0, types.Count), result["sequence"]!.AsArray().Select(s => (int)s!));
        Assert.Equal((string?)result["completed_output_text"], (string?)result["text"]);
    }

    [Fact]
    public async Task Json_schema_output_validates()
    {
        const string Schema = """{"type":"object","properties":{"title":{"type":"string","maxLength":10},"day":{"type":"integer","minimum":1,"maximum":31}},"required":["title","day"],"additionalProperties":false}""";
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, ServerFixture.ModelId, "responses_json_schema",
            new JsonObject { ["schema"] = JsonNode.Parse(Schema), ["seeds"] = 5 });

        foreach (var output in result["outputs"]!.AsArray())
        {
            using var document = JsonDocument.Parse((string)output!);
            Assert.True(JsonSchema.FromText(Schema).Evaluate(document.RootElement).IsValid, (string?)output);
        }
    }
}
