using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Options;
using ReasoningServer.Protocol;
using ReasoningServer.Serving;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Serving;

/// <summary>Many requests through one context: batching, the prefix cache, n choices, hang-ups and backpressure.</summary>
[Collection(BatchingServerCollection.Name)]
public sealed class ConcurrencyTests(BatchingServerFixture server)
{
    /// <summary>The token limit of a stream that is meant to be hung up on, long before it gets there.</summary>
    private const int EndlessTokens = 8000;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Logprob gap under which llama.cpp's batched rounding (about 1e-3 on this model, see the engine's
    /// ContinuousBatchingTests) may flip a greedy choice.
    /// </summary>
    private const double NearTie = 0.02;

    [Fact]
    public async Task Eight_concurrent_streams_complete_with_their_own_usage_and_the_output_each_gives_alone()
    {
        var bodies = Enumerable.Range(0, BatchingServerFixture.Parallel).Select(i =>
        {
            var body = Body($"Stream {i}: {new string((char)('a' + i), 5 + (15 * i))}", maxTokens: 24);
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
            body["reasoning_format"] = "raw"; // every generated token visible, with its logprobs
            body["logprobs"] = true;
            body["top_logprobs"] = 2;
            return body;
        }).ToArray();

        var together = await Task.WhenAll(bodies.Select(b => HttpJson.StreamAsync(server.Http, "/v1/chat/completions", b)));
        var alone = new List<(List<JsonNode> Events, bool Done)>();
        foreach (var body in bodies)
        {
            alone.Add(await HttpJson.StreamAsync(server.Http, "/v1/chat/completions", body));
        }

        for (var i = 0; i < bodies.Length; i++)
        {
            Assert.True(together[i].Done);
            var usage = together[i].Events[^1]["usage"]!;
            Assert.Equal((int)alone[i].Events[^1]["usage"]!["prompt_tokens"]!, (int)usage["prompt_tokens"]!);
            Assert.Equal(24, (int)usage["completion_tokens"]!);
            Assert.Equal(24, (int)usage["completion_tokens_details"]!["reasoning_tokens"]!);
            Assert.Equal((int)usage["prompt_tokens"]! + 24, (int)usage["total_tokens"]!);

            var batched = Logprobs(together[i].Events);
            var single = Logprobs(alone[i].Events);
            Assert.Equal(24, batched.Count);
            for (var t = 0; t < 24; t++)
            {
                if ((string)batched[t]["token"]! != (string)single[t]["token"]!)
                {
                    var top = single[t]["top_logprobs"]!.AsArray();
                    Assert.True((double)top[0]!["logprob"]! - (double)top[1]!["logprob"]! < NearTie, $"stream {i} differs at token {t} without a near tie");
                    break;
                }
            }
        }

        // Prompt lengths differ by request, so the usages are each request's own.
        Assert.Equal(bodies.Length, together.Select(t => (int)t.Events[^1]["usage"]!["prompt_tokens"]!).Distinct().Count());
    }

    [Fact]
    public async Task The_second_turn_of_a_conversation_reports_the_shared_prefix_as_cached()
    {
        var messages = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are a patient tutor who explains every step." },
            new JsonObject { ["role"] = "user", ["content"] = "Why is the sky blue? Please explain Rayleigh scattering." });
        var first = Body(string.Empty, maxTokens: 16);
        first["messages"] = messages.DeepClone();
        var (status, turn1, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", first);
        Assert.Equal(200, status);

        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = (string?)turn1!["choices"]![0]!["message"]!["content"] ?? string.Empty });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = "And at sunset?" });
        var second = Body(string.Empty, maxTokens: 16);
        second["messages"] = messages.DeepClone();
        var (_, turn2, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", second);

        // What the two prompts share, as the server itself templates and tokenizes them.
        var shared = CommonPrefix(Prompt(first), Prompt(second));
        var cached = (int)turn2!["usage"]!["prompt_tokens_details"]!["cached_tokens"]!;
        Assert.True(cached > 0);
        Assert.Equal(shared, cached);
        Assert.True((int)turn1["usage"]!["prompt_tokens_details"]!["cached_tokens"]! < 16, "the first turn shares no more than a template opening");
    }

    [Fact]
    public async Task Four_choices_evaluate_the_prompt_once_and_sum_their_usage()
    {
        var before = server.Statistics;
        var body = Body("Give me four takes on one question, each different from the others.", maxTokens: 16);
        body["n"] = 4;
        body["temperature"] = 1; // distinct seeds per choice, distinct outputs
        body["reasoning_format"] = "reasoning_content";

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);
        var after = server.Statistics;

        Assert.Equal(200, status);
        var choices = response!["choices"]!.AsArray();
        Assert.Equal([0, 1, 2, 3], choices.Select(c => (int)c!["index"]!));
        Assert.All(choices, c => Assert.Equal("length", (string?)c!["finish_reason"]));
        Assert.Equal(4, choices.Select(c => (string?)c!["message"]!["reasoning_content"]).Distinct().Count());
        var usage = response["usage"]!;
        Assert.Equal(4 * 16, (int)usage["completion_tokens"]!);
        Assert.Equal(4 * 16, (int)usage["completion_tokens_details"]!["reasoning_tokens"]!);
        var prompt = (int)usage["prompt_tokens"]!;
        Assert.Equal(prompt + (4 * 16), (int)usage["total_tokens"]!);

        Assert.Equal(4, after.Sequences - before.Sequences);
        Assert.Equal(prompt - (int)usage["prompt_tokens_details"]!["cached_tokens"]!, after.PromptTokensEvaluated - before.PromptTokensEvaluated);
    }

    [Fact]
    public async Task Streams_aborted_mid_way_free_their_slots_for_the_next_burst()
    {
        var before = server.Statistics;
        var streams = await OpenEndlessStreamsAsync(BatchingServerFixture.Parallel, "abort");
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        // The hang-ups reach the server through the sockets; the engine releases each slot at its next step.
        var atHangUp = server.Statistics.GeneratedTokens;
        await WaitUntilIdleAsync();
        var afterHangUp = server.Statistics.GeneratedTokens - atHangUp;
        var burst = await Task.WhenAll(Enumerable.Range(0, BatchingServerFixture.Parallel).Select(i =>
            HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body($"burst {i}", maxTokens: 4)))).WaitAsync(Patience);

        Assert.All(burst, r => Assert.Equal(200, r.Status));
        Assert.All(burst, r => Assert.Equal("length", (string?)r.Body!["choices"]![0]!["finish_reason"]));
        // The aborted streams stopped soon after the clients left, far from their 8000-token limit. How many tokens
        // "soon" is depends on how fast the tiny model runs and how busy the cores are (a fixed 1000 per stream
        // failed once in CI at 1,340), so the bound is half the limit: streams that ignored the hang-up run to it.
        var generated = server.Statistics.GeneratedTokens - before.GeneratedTokens;
        Assert.True(afterHangUp < BatchingServerFixture.Parallel * EndlessTokens / 2, $"{afterHangUp} tokens generated after the hang-ups ({generated} in all)");
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_the_server_recovers()
    {
        var running = await OpenEndlessStreamsAsync(BatchingServerFixture.Parallel, "busy");
        var waiting = new List<OpenStream>();
        for (var i = 0; i < BatchingServerFixture.QueueCapacity; i++)
        {
            waiting.Add(await OpenStream.StartAsync(server.Http, Endless($"waiting {i}")));
        }

        var (status, body, response) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body("one too many", maxTokens: 4));

        Assert.Equal(429, status);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("rate_limit_exceeded", (string?)body!["error"]!["code"]);
        Assert.Equal("requests", (string?)body["error"]!["type"]);

        foreach (var stream in running.Concat(waiting))
        {
            await stream.DisposeAsync();
        }

        // A client that honours Retry-After (as OpenAI's SDKs do) gets through once the hang-ups have freed the slots.
        for (var attempt = 0; ; attempt++)
        {
            var (retried, answer, retryResponse) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body("after the rush", maxTokens: 4));
            if (retried == 429 && attempt < 10)
            {
                await Task.Delay(retryResponse.Headers.RetryAfter!.Delta!.Value);
                continue;
            }

            Assert.Equal(200, retried);
            Assert.Equal(4, (int)answer!["usage"]!["completion_tokens"]!);
            break;
        }

        await WaitUntilIdleAsync();
    }

    private async Task WaitUntilIdleAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (server.Statistics.ActiveSequences > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slots of the aborted streams were never released");
            await Task.Delay(10);
        }
    }

    private async Task<List<OpenStream>> OpenEndlessStreamsAsync(int count, string label)
    {
        var streams = new List<OpenStream>();
        for (var i = 0; i < count; i++)
        {
            streams.Add(await OpenStream.StartAsync(server.Http, Endless($"{label} {i}")));
        }

        // Every one has generated: all slots are busy now.
        await Task.WhenAll(streams.Select(s => s.ReadGeneratedAsync())).WaitAsync(Patience);
        return streams;
    }

    private static JsonObject Endless(string text)
    {
        var body = Body(text, maxTokens: EndlessTokens);
        body["stream"] = true;
        body["temperature"] = 1;
        body["reasoning_format"] = "reasoning_content";
        return body;
    }

    private static JsonObject Body(string text, int maxTokens) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        ["max_completion_tokens"] = maxTokens,
        ["temperature"] = 0,
        ["seed"] = 5,
        // Keeps the tiny model thinking until the limit: every request generates exactly maxTokens.
        ["logit_bias"] = new JsonObject
        {
            [ByteLevelBpeVocabulary.ThinkEndId.ToString(CultureInfo.InvariantCulture)] = -100,
            [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100,
        },
    };

    private static List<JsonNode> Logprobs(List<JsonNode> events) =>
        [.. events.SelectMany(e => e["choices"]!.AsArray()).SelectMany(c => c!["logprobs"]?["content"]?.AsArray() ?? []).Select(n => n!)];

    private int[] Prompt(JsonObject body)
    {
        var request = JsonSerializer.Deserialize(body.ToJsonString(), ProtocolJson.Context.ChatCompletionRequest)!;
        var job = ChatRequestParser.Parse(request, server.Services.GetRequiredService<ModelHost>(), new GenerationOptions());
        return [.. job.Prompt.Select(t => t.Value)];
    }

    private static int CommonPrefix(int[] a, int[] b)
    {
        var length = 0;
        while (length < Math.Min(a.Length, b.Length) && a[length] == b[length])
        {
            length++;
        }

        return length;
    }
}
