using System.Globalization;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Serving;

/// <summary>The server's request time limit: an answer cut short, or a retryable error when nothing started.</summary>
[Collection(TimeoutServerCollection.Name)]
public sealed class RequestTimeoutTests(TimeoutServerFixture server)
{
    [Fact]
    public async Task A_request_past_the_limit_returns_what_it_generated_or_503_when_it_never_started()
    {
        // One slot: the first request generates until its limit; the second waits in the queue and gets the
        // slot only if its own limit has not passed by then (the engine test covers the queue case exactly).
        var requests = await Task.WhenAll(
            HttpJson.PostAsync(server.Http, "/v1/chat/completions", Endless("first")),
            HttpJson.PostAsync(server.Http, "/v1/chat/completions", Endless("second")));

        Assert.Contains(requests, r => r.Status == 200);
        foreach (var (status, body, response) in requests)
        {
            if (status == 200)
            {
                Assert.Equal("length", (string?)body!["choices"]![0]!["finish_reason"]);
                Assert.InRange((int)body["usage"]!["completion_tokens"]!, 1, 59_999);
            }
            else
            {
                Assert.Equal(503, status);
                Assert.Equal("timeout", (string?)body!["error"]!["code"]);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }
    }

    private static JsonObject Endless(string text) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        ["max_completion_tokens"] = 60_000,
        ["logit_bias"] = new JsonObject
        {
            [ByteLevelBpeVocabulary.ThinkEndId.ToString(CultureInfo.InvariantCulture)] = -100,
            [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100,
        },
    };
}
