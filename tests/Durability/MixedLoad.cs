using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasoningServer.Tests.Durability;

/// <summary>
/// Clients that keep a server busy with every kind of generation request until they are told to stop (the server is
/// killed under them), noting each request whose final usage they received. Used by the crash tests and the
/// <c>crash</c> benchmark.
/// </summary>
public static class MixedLoad
{
    private static readonly LoadKind[] Kinds = Enum.GetValues<LoadKind>();

    /// <summary>Runs <paramref name="workers"/> clients on <paramref name="http"/> (which carries the key) until <paramref name="stop"/>.</summary>
    public static Task RunAsync(HttpClient http, string model, int workers, ConcurrentQueue<SeenCompletion> seen, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(http, model, w, seen, stop))));

    private static async Task WorkAsync(HttpClient http, string model, int worker, ConcurrentQueue<SeenCompletion> seen, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var kind = Kinds[(i + worker * 3) % Kinds.Length];
            try
            {
                if (await SendAsync(http, model, kind, $"{worker}.{i}", stop) is { } completion)
                {
                    seen.Enqueue(completion);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException)
            {
                // the server was killed mid-request: the client never saw this one complete
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    private static async Task<SeenCompletion?> SendAsync(HttpClient http, string model, LoadKind kind, string tag, CancellationToken stop)
    {
        var question = $"What is {tag} + 2?";
        var (path, body) = kind switch
        {
            LoadKind.TextCompletion => ("/v1/completions", new JsonObject { ["model"] = model, ["prompt"] = question, ["max_tokens"] = 8 }),
            LoadKind.StoredResponse or LoadKind.StoredResponseStream => ("/v1/responses", new JsonObject
            {
                ["model"] = model, ["input"] = question, ["max_output_tokens"] = 16, ["store"] = true, ["stream"] = kind == LoadKind.StoredResponseStream,
            }),
            _ => ("/v1/chat/completions", Chat(model, kind, question)),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var requestId = response.Headers.GetValues("x-request-id").Single();
        if ((bool?)body["stream"] != true)
        {
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop))!;
            return json["usage"] is null ? null : path == "/v1/responses" ? Response(requestId, kind, json) : Completion(requestId, kind, json["usage"]);
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            if (kind == LoadKind.Cancelled)
            {
                return null; // walks away after the first chunk; disposing the response aborts the request
            }

            var chunk = JsonNode.Parse(line.AsSpan("data: ".Length).ToString())!;
            if (path == "/v1/responses" && (string?)chunk["type"] is "response.completed" or "response.incomplete")
            {
                return Response(requestId, kind, chunk["response"]!);
            }

            if (path != "/v1/responses" && chunk["usage"] is JsonObject usage)
            {
                return Completion(requestId, kind, usage);
            }
        }

        return null;
    }

    private static JsonObject Chat(string model, LoadKind kind, string question)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
            ["max_tokens"] = kind == LoadKind.Cancelled ? 400 : 12,
        };
        switch (kind)
        {
            case LoadKind.ChatStream or LoadKind.Cancelled:
                body["stream"] = true;
                body["stream_options"] = new JsonObject { ["include_usage"] = true };
                break;
            case LoadKind.ChatChoices:
                body["n"] = 2;
                body["temperature"] = 1;
                break;
            case LoadKind.TestTime:
                body["temperature"] = 1;
                body["test_time"] = new JsonObject
                {
                    ["strategy"] = "self_consistency",
                    ["samples"] = 2,
                    ["answer"] = new JsonObject { ["extract"] = "regex", ["pattern"] = @"(\d)" },
                };
                break;
        }

        return body;
    }

    private static SeenCompletion Completion(string requestId, LoadKind kind, JsonNode? usage) => new(requestId, kind,
        (int)usage!["prompt_tokens"]!, (int?)usage["prompt_tokens_details"]?["cached_tokens"] ?? 0,
        (int?)usage["completion_tokens_details"]?["reasoning_tokens"] ?? 0, (int)usage["completion_tokens"]!, null);

    private static SeenCompletion Response(string requestId, LoadKind kind, JsonNode response)
    {
        var (prompt, cached, reasoning, completion) = ResponseUsage(response["usage"]);
        return new SeenCompletion(requestId, kind, prompt, cached, reasoning, completion, (bool?)response["store"] == true ? (string?)response["id"] : null);
    }

    /// <summary>A Responses API usage as (prompt, cached, reasoning, completion) tokens, the ledger's terms.</summary>
    public static (int Prompt, int Cached, int Reasoning, int Completion) ResponseUsage(JsonNode? usage) =>
        ((int)usage!["input_tokens"]!, (int?)usage["input_tokens_details"]?["cached_tokens"] ?? 0,
            (int?)usage["output_tokens_details"]?["reasoning_tokens"] ?? 0, (int)usage["output_tokens"]!);
}
