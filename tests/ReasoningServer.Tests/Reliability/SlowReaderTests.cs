using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Bench.Soak;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

namespace ReasoningServer.Tests.Reliability;

/// <summary>
/// A client reading a stream far slower than it is generated, over a socket with a tiny receive buffer: once the
/// server's buffers are full the engine pauses that sequence (Model:MaxUnreadTokens) and other requests go on.
/// </summary>
[Collection(SoakServerCollection.Name)]
public sealed class SlowReaderTests(SoakServerFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_slow_reader_pauses_only_its_own_sequence_and_is_billed_when_it_leaves()
    {
        var settings = new SoakSettings(server.BaseAddress, BobKey, ServerFixture.ModelId, 1, TimeSpan.Zero, TimeSpan.Zero);
        var before = server.Statistics.Pauses;
        var http = SoakDriver.CreateClient(settings, SoakClientKind.SlowReader);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(Endless("Tell me everything.", 30_000, stream: true)) };
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        var requestId = response.Headers.GetValues("x-request-id").Single();
        // 64 bytes every 100 ms: well above Kestrel's minimum response data rate, far below the tiny model's pace.
        using var reading = new CancellationTokenSource();
        var lines = new SseLines(await response.Content.ReadAsStreamAsync(), 64);
        var reader = Task.Run(async () =>
        {
            try
            {
                while (await lines.ReadLineAsync(TimeSpan.FromMilliseconds(100), reading.Token) is not null)
                {
                }
            }
            catch (OperationCanceledException)
            {
                // the test hangs up
            }
        });

        await WaitForAsync(() => server.Statistics.PausedSequences == 1);

        // Another request is served in full beside the paused one.
        using var bob = server.HttpAs(BobKey);
        var (status, body, _) = await HttpJson.PostAsync(bob, "/v1/chat/completions", Endless("And you?", 48, stream: false));
        Assert.Equal(200, status);
        Assert.Equal(48, (int)body!["usage"]!["completion_tokens"]!);
        // The slow stream is still there (paused between the reader's takes, so not necessarily at this instant).
        Assert.Equal(1, server.Statistics.ActiveSequences);
        Assert.True(server.Statistics.Pauses > before);

        // The slow client leaves: it is billed for what was generated, and its slot and KV are released.
        await reading.CancelAsync();
        await reader;
        response.Dispose();
        http.Dispose();
        var row = await server.Ledger.WaitForAsync(requestId);
        Assert.Equal("cancelled", row.Outcome);
        // It was paused with at least MaxUnreadTokens generated and not yet read.
        Assert.True(row.CompletionTokens >= SoakServerFixture.MaxUnreadTokens, $"{row.CompletionTokens} tokens billed");
        await WaitForAsync(() => server.Statistics.ActiveSequences == 0);
        var statistics = server.Statistics;
        Assert.Equal((0, 0L), (statistics.PausedSequences, statistics.BusyKvTokens));
        Assert.Equal(statistics.KvCacheTokens, statistics.MemoryPositions);
    }

    private static JsonObject Endless(string text, int maxTokens, bool stream) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        ["max_completion_tokens"] = maxTokens,
        ["stream"] = stream,
        ["logit_bias"] = new JsonObject
        {
            [ByteLevelBpeVocabulary.ThinkEndId.ToString(CultureInfo.InvariantCulture)] = -100,
            [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100,
        },
    };

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the server never got there");
            await Task.Delay(20);
        }
    }
}
