using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Serving;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Reliability;

/// <summary>
/// Four times more concurrent clients than slots + queue, in waves: only 200s and 429s with Retry-After, never a 5xx,
/// every admitted request complete, and the slots back to 0 after each wave (latency is measured by
/// <c>bash bench/overload.sh</c>, not asserted).
/// </summary>
[Collection(BatchingServerCollection.Name)]
public sealed class OverloadTests(BatchingServerFixture server)
{
    private const int Tokens = 120;

    [Fact]
    public async Task Waves_of_four_times_slots_plus_queue_get_200_or_429_with_retry_after_and_never_a_5xx()
    {
        var clients = 4 * (BatchingServerFixture.Parallel + BatchingServerFixture.QueueCapacity);
        for (var wave = 0; wave < 2; wave++)
        {
            var replies = await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body($"wave {wave}, client {i}")))).WaitAsync(TimeSpan.FromMinutes(3));

            Assert.All(replies, r => Assert.Contains(r.Status, new[] { 200, 429 }));
            Assert.Contains(replies, r => r.Status == 429);
            Assert.All(replies.Where(r => r.Status == 429), r =>
            {
                Assert.True(r.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                ErrorShape.AssertIsError(r.Body, "requests", null, "rate_limit_exceeded");
            });
            Assert.All(replies.Where(r => r.Status == 200), r => Assert.Equal(Tokens, (int)r.Body!["usage"]!["completion_tokens"]!));
            await WaitUntilIdleAsync();
        }
    }

    private async Task WaitUntilIdleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (server.Statistics.ActiveSequences > 0 || server.Services.GetRequiredService<ModelHost>().Current!.Engine.QueuedRequests > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slots never came back to 0");
            await Task.Delay(10);
        }
    }

    private static JsonObject Body(string text) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        ["max_completion_tokens"] = Tokens,
        // Every admitted request holds its slot for the whole limit while the rest of the wave arrives.
        ["logit_bias"] = new JsonObject
        {
            [ByteLevelBpeVocabulary.ThinkEndId.ToString(CultureInfo.InvariantCulture)] = -100,
            [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100,
        },
    };
}
