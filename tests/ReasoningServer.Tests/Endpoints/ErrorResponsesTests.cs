using System.ClientModel;
using OpenAI.Chat;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Endpoints;

/// <summary>Bad input gets OpenAI's error shape and status, and the server keeps serving after each.</summary>
[Collection(ServerCollection.Name)]
public sealed class ErrorResponsesTests(ServerFixture server)
{
    private const string Hi = """[{"role":"user","content":"Hi"}]""";

    public static TheoryData<string, string, int, string?, string?> BadChatRequests => new()
    {
        { "malformed JSON", """{"model":"tiny-test","messages":""", 400, "messages", "invalid_json" },
        { "not an object", "[1,2]", 400, null, "invalid_json" },
        { "wrong type", $$"""{"model":"tiny-test","messages":{{Hi}},"temperature":"hot"}""", 400, "temperature", "invalid_json" },
        { "missing messages", """{"model":"tiny-test"}""", 400, "messages", "empty_array" },
        { "empty messages", """{"model":"tiny-test","messages":[]}""", 400, "messages", "empty_array" },
        { "unknown role", """{"model":"tiny-test","messages":[{"role":"wizard","content":"Hi"}]}""", 400, "messages[0].role", "invalid_value" },
        { "missing content", """{"model":"tiny-test","messages":[{"role":"user"}]}""", 400, "messages[0].content", "invalid_type" },
        { "image part", """{"model":"tiny-test","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", 400, "messages[0].content[0]", "invalid_value" },
        { "missing model", $$"""{"messages":{{Hi}}}""", 400, "model", null },
        { "unknown model", $$"""{"model":"gpt-17","messages":{{Hi}}}""", 404, "model", "model_not_found" },
        { "temperature above 2", $$"""{"model":"tiny-test","messages":{{Hi}},"temperature":2.5}""", 400, "temperature", "invalid_value" },
        { "top_p above 1", $$"""{"model":"tiny-test","messages":{{Hi}},"top_p":1.5}""", 400, "top_p", "invalid_value" },
        { "negative penalty", $$"""{"model":"tiny-test","messages":{{Hi}},"presence_penalty":-3}""", 400, "presence_penalty", "invalid_value" },
        { "zero n", $$"""{"model":"tiny-test","messages":{{Hi}},"n":0}""", 400, "n", "invalid_value" },
        { "n above the cap", $$"""{"model":"tiny-test","messages":{{Hi}},"n":1000}""", 400, "n", "invalid_value" },
        { "zero max tokens", $$"""{"model":"tiny-test","messages":{{Hi}},"max_completion_tokens":0}""", 400, "max_completion_tokens", "invalid_value" },
        { "both token limits", $$"""{"model":"tiny-test","messages":{{Hi}},"max_tokens":5,"max_completion_tokens":5}""", 400, "max_tokens", "invalid_value" },
        { "top_logprobs without logprobs", $$"""{"model":"tiny-test","messages":{{Hi}},"top_logprobs":2}""", 400, "top_logprobs", null },
        { "top_logprobs above 20", $$"""{"model":"tiny-test","messages":{{Hi}},"logprobs":true,"top_logprobs":21}""", 400, "top_logprobs", "invalid_value" },
        { "bias for no token", $$$"""{"model":"tiny-test","messages":{{{Hi}}},"logit_bias":{"999999":5}}""", 400, "logit_bias", "invalid_value" },
        { "bias out of range", $$$"""{"model":"tiny-test","messages":{{{Hi}}},"logit_bias":{"65":500}}""", 400, "logit_bias", "invalid_value" },
        { "five stop sequences", $$"""{"model":"tiny-test","messages":{{Hi}},"stop":["a","b","c","d","e"]}""", 400, "stop", "invalid_type" },
        { "unknown reasoning format", $$"""{"model":"tiny-test","messages":{{Hi}},"reasoning_format":"loud"}""", 400, "reasoning_format", "invalid_value" },
    };

    [Theory]
    [MemberData(nameof(BadChatRequests))]
    public async Task Bad_chat_request_gets_an_OpenAI_error_and_the_server_keeps_serving(
        string what, string body, int status, string? param, string? code)
    {
        var (gotStatus, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == gotStatus, $"{what}: expected {status}, got {gotStatus}: {error?.ToJsonString()}");
        ErrorShape.AssertIsError(error, status == 404 ? "invalid_request_error" : "invalid_request_error", param, code);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Prompt_longer_than_the_window_is_context_length_exceeded()
    {
        var longText = new string('x', 5000); // one token per byte in the tiny model; the test window is 4096
        var body = $$"""{"model":"tiny-test","messages":[{"role":"user","content":"{{longText}}"}]}""";
        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "messages", "context_length_exceeded");
        var message = (string)error!["error"]!["message"]!;
        Assert.Contains("4096", message);
        Assert.Contains("50", message); // the prompt's size, 5000 and some template tokens
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Unknown_model_is_a_404_for_the_official_client_too()
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => server.Chat("gpt-17").CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(404, failure.Status);
    }

    [Fact]
    public async Task Unknown_url_and_wrong_method_get_the_same_shape()
    {
        var missing = await server.Http.GetAsync("/v1/embeddings");
        Assert.Equal(404, (int)missing.StatusCode);
        ErrorShape.AssertIsError(System.Text.Json.Nodes.JsonNode.Parse(await missing.Content.ReadAsStringAsync()), "invalid_request_error", null, "unknown_url");

        var wrongMethod = await server.Http.GetAsync("/v1/chat/completions");
        Assert.Equal(405, (int)wrongMethod.StatusCode);
        ErrorShape.AssertIsError(System.Text.Json.Nodes.JsonNode.Parse(await wrongMethod.Content.ReadAsStringAsync()), "invalid_request_error", null, null);
    }

    private async Task AssertStillServingAsync()
    {
        var (status, body, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions",
            $$"""{"model":"tiny-test","messages":{{Hi}},"max_completion_tokens":2}""");
        Assert.Equal(200, status);
        Assert.Equal(2, (int)body!["usage"]!["completion_tokens"]!);
    }
}
