using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Endpoints;

/// <summary>The model listing and the legacy completions endpoint.</summary>
[Collection(ServerCollection.Name)]
public sealed class ModelsAndCompletionsTests(ServerFixture server)
{
    [Fact]
    public async Task Models_lists_the_served_model_and_gets_it_by_id()
    {
        var client = new OpenAI.Models.OpenAIModelClient(new System.ClientModel.ApiKeyCredential("unused"),
            new OpenAI.OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });

        var models = (await client.GetModelsAsync()).Value;
        var model = Assert.Single(models);
        Assert.Equal(ServerFixture.ModelId, model.Id);
        Assert.Equal("reasoningserver", model.OwnedBy);
        Assert.Equal(ServerFixture.ModelId, (await client.GetModelAsync(ServerFixture.ModelId)).Value.Id);

        var raw = JsonNode.Parse(await server.Http.GetStringAsync($"/v1/models/{ServerFixture.ModelId}"))!;
        Assert.Equal(4096, (int)raw["context_length"]!);
        Assert.Equal("think", (string?)raw["reasoning_format"]);

        var missing = await server.Http.GetAsync("/v1/models/gpt-17");
        Assert.Equal(404, (int)missing.StatusCode);
        ErrorShape.AssertIsError(JsonNode.Parse(await missing.Content.ReadAsStringAsync()), "invalid_request_error", "model", "model_not_found");
    }

    [Fact]
    public async Task Legacy_completion_continues_a_plain_prompt_and_streams_the_same_text()
    {
        var body = new JsonObject
        {
            ["model"] = ServerFixture.ModelId,
            ["prompt"] = "Once upon a time",
            ["max_tokens"] = 12,
            ["seed"] = 3,
            ["logprobs"] = 2,
            ["logit_bias"] = new JsonObject { [$"{ByteLevelBpeVocabulary.ThinkEndId}"] = -100 }, // never leave the thinking section, so never end the turn
        };
        var (status, whole, _) = await HttpJson.PostAsync(server.Http, "/v1/completions", body);
        Assert.Equal(200, status);
        Assert.Equal("text_completion", (string?)whole!["object"]);
        var choice = whole["choices"]![0]!;
        Assert.Equal("length", (string?)choice["finish_reason"]);
        Assert.Equal(12, (int)whole["usage"]!["completion_tokens"]!);
        Assert.Equal(16, (int)whole["usage"]!["prompt_tokens"]!); // one token per byte, no template
        var logprobs = choice["logprobs"]!;
        Assert.Equal((string)choice["text"]!, string.Concat(logprobs["tokens"]!.AsArray().Select(t => (string?)t)));
        Assert.All(logprobs["top_logprobs"]!.AsArray(), top => Assert.Equal(2, top!.AsObject().Count));

        body["stream"] = true;
        var (events, done) = await HttpJson.StreamAsync(server.Http, "/v1/completions", body);
        Assert.True(done);
        Assert.Equal((string)choice["text"]!, string.Concat(events.Select(e => (string?)e["choices"]![0]!["text"])));
    }

    [Fact]
    public async Task Legacy_completion_rejects_a_missing_prompt()
    {
        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/completions", """{"model":"tiny-test"}""");
        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "prompt", "invalid_type");
    }
}
