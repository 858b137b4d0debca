using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Clients;

/// <summary>Structured outputs with the official <c>openai</c> npm client, on the tiny model that thinks first.</summary>
[Collection(ServerCollection.Name)]
public sealed class NodeClientStructuredOutputTests(ServerFixture server)
{
    private const string Schema = """
        {"type":"object","properties":{"title":{"type":"string","maxLength":10},"priority":{"type":"integer","minimum":1,"maximum":5},
         "labels":{"type":"array","items":{"type":"string","enum":["bug","feature","docs"]},"maxItems":3}},
         "required":["title","priority","labels"],"additionalProperties":false}
        """;

    [Fact]
    public async Task Json_schema_answers_parse_and_validate_for_every_seed()
    {
        var result = await NodeOpenAIClient.RunAsync(server.BaseAddress, ServerFixture.ModelId, "json_schema",
            new JsonObject { ["schema"] = JsonNode.Parse(Schema), ["seeds"] = 10 });

        var outputs = result["outputs"]!.AsArray();
        Assert.Equal(10, outputs.Count);
        foreach (var output in outputs)
        {
            var content = (string)output!["content"]!;
            using var document = JsonDocument.Parse(content);
            Assert.True(JsonSchema.FromText(Schema).Evaluate(document.RootElement).IsValid, $"seed {output["seed"]}: {content}");
        }
    }
}
