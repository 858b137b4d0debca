using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Deploy;

/// <summary>
/// Two replicas sharing one PostgreSQL ledger behind nginx (deploy/), mixed traffic of two keys, one replica
/// killed mid-load: the other keeps serving every conversation, and the ledger holds every acknowledged request
/// with the usage its client saw.
/// </summary>
public sealed class ReplicaFailoverTests : IDisposable
{
    private const string AdminKey = "sk-test-replicas-admin-0123456789";
    private static readonly string[] UserKeys = ["sk-test-replicas-alice-0123456789", "sk-test-replicas-bob-0123456789"];
    private readonly TinyModelFolder _models = new("reasoningserver-replica-test-");

    public void Dispose() => _models.Dispose();

    [PostgresFact]
    public async Task Killing_one_replica_mid_load_loses_no_acknowledged_request_and_per_key_totals_add_up()
    {
        var model = _models.ModelPath;
        var keyFile = Path.Combine(_models.Folder, "keys.txt");
        await File.WriteAllLinesAsync(keyFile, [$"{UserKeys[0]} alice", $"{UserKeys[1]} bob"]);
        await using var ledger = await LedgerDatabase.PostgresAsync();

        var acknowledged = new ConcurrentBag<Acknowledged>();
        using (var replicas = LocalReplicas.Start(2, ["--model", model, "--alias", ServerFixture.ModelId, "--ctx-size", "2048", "--threads", "1",
            "--api-key", AdminKey, "--api-key-file", keyFile, .. ledger.Arguments]))
        {
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 4).Select(w => Task.Run(() => SendAsync(replicas, w, acknowledged, stop.Token))).ToArray();
            await WaitUntilAsync(() => acknowledged.Count >= 16 && acknowledged.Select(a => a.Upstream).Distinct().Count() == 2, replicas);

            replicas.Kill(0);
            var killedAt = acknowledged.Count;
            var survivor = $"127.0.0.1:{replicas.Ports[1]}";
            // Every conversation, those hashed to the dead replica too, is answered by the survivor from now on.
            await WaitUntilAsync(() => acknowledged.Count(a => a.Upstream == survivor && a.Sequence > killedAt) >= 16
                && acknowledged.Where(a => a.Sequence > killedAt + 8).Select(a => a.Conversation).Distinct().Count() == Conversations, replicas);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            Assert.All(acknowledged.Where(a => a.Sequence > killedAt + 8), a => Assert.Equal(survivor, a.Upstream));
        }

        await ledger.WaitForWritersGoneAsync();
        var rows = (await ledger.ReadAllAsync()).ToDictionary(r => r.RequestId);
        foreach (var answer in acknowledged)
        {
            Assert.True(rows.TryGetValue(answer.RequestId, out var row), $"acknowledged request {answer.RequestId} is not in the ledger");
            Assert.Equal("completed", row.Outcome);
            Assert.Equal((answer.Prompt, answer.Reasoning, answer.Completion), (row.PromptTokens, row.ReasoningTokens, row.CompletionTokens));
        }

        // Per key, across both replicas: what the clients were told equals what the ledger bills for those requests,
        // and each key's requests carry that key's id (never the other's).
        foreach (var key in UserKeys)
        {
            var mine = acknowledged.Where(a => a.Key == key).ToList();
            var ids = mine.Select(a => rows[a.RequestId].ApiKeyId).Distinct().ToList();
            var keyId = Assert.Single(ids);
            Assert.NotNull(keyId);
            var billed = rows.Values.Where(r => r.ApiKeyId == keyId && r.Outcome == "completed" && mine.Any(a => a.RequestId == r.RequestId)).ToList();
            Assert.Equal((mine.Count, mine.Sum(a => a.Prompt), mine.Sum(a => a.Completion)),
                (billed.Count, billed.Sum(r => r.PromptTokens), billed.Sum(r => r.CompletionTokens)));
        }

        Assert.NotEqual(rows[acknowledged.First(a => a.Key == UserKeys[0]).RequestId].ApiKeyId,
            rows[acknowledged.First(a => a.Key == UserKeys[1]).RequestId].ApiKeyId);
    }

    /// <summary>
    /// Enough that both replicas own some: nginx places replicas on its hash ring by address, and the ports are
    /// random, so 6 conversations all hashed to one replica in 5 of 60 trials (nginx alone, random port pairs); 32 did
    /// in none of 60 (about 2 × 0.5³² if the ring splits evenly).
    /// </summary>
    private const int Conversations = 32;

    private static async Task SendAsync(LocalReplicas replicas, int worker, ConcurrentBag<Acknowledged> acknowledged, CancellationToken stop)
    {
        var clients = UserKeys.Select(replicas.Client).ToArray();
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = (worker + i) % 2;
                var conversation = $"conversation-{(worker * 7 + i) % Conversations}";
                var stream = (worker + i) % 3 == 0;
                var body = new JsonObject
                {
                    ["model"] = ServerFixture.ModelId,
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Turn {i} of {conversation}" }),
                    ["max_tokens"] = 12,
                    ["stream"] = stream,
                };
                if (stream)
                {
                    body["stream_options"] = new JsonObject { ["include_usage"] = true };
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Conversation-Id", conversation);
                try
                {
                    using var response = await clients[key].SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                    var text = await response.Content.ReadAsStringAsync(stop);
                    if (response.IsSuccessStatusCode && Usage(text, stream) is { } usage)
                    {
                        acknowledged.Add(new Acknowledged(acknowledged.Count + 1, response.Headers.GetValues("x-request-id").Single(), UserKeys[key], conversation,
                            AnsweredBy(response), (int)usage["prompt_tokens"]!, (int)usage["completion_tokens_details"]!["reasoning_tokens"]!,
                            (int)usage["completion_tokens"]!));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException)
                {
                    // cut by the kill: not acknowledged, so nothing is owed
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// The replica that answered: the last address nginx tried. After the kill nginx may try the dead replica first
    /// (its fail_timeout passed) and then pass the request on: "dead:port, survivor:port".
    /// </summary>
    private static string AnsweredBy(HttpResponseMessage response) =>
        response.Headers.GetValues("X-Upstream").Single().Split(", ")[^1];

    /// <summary>The usage the client was told, from a whole response: a JSON body, or a stream through [DONE].</summary>
    private static JsonNode? Usage(string text, bool stream)
    {
        if (!stream)
        {
            return JsonNode.Parse(text)?["usage"];
        }

        if (!text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal))
        {
            return null;
        }

        return text.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l["data: ".Length..])!["usage"]).LastOrDefault(u => u is not null);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, LocalReplicas replicas)
    {
        for (var i = 0; i < 6000 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), $"The load did not get there.\n{replicas.Diagnostics()}");
    }

    private sealed record Acknowledged(int Sequence, string RequestId, string Key, string Conversation, string Upstream, int Prompt, int Reasoning, int Completion);
}
