using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Chat;

/// <summary>An OpenAI-compatible server over HTTP with streaming: ours, llama-server, vLLM…</summary>
/// <param name="temperature">Sent when given (0 = greedy, for comparisons that must decode the same tokens everywhere).</param>
/// <param name="reasoningFormat">How the server is asked to return thinking: ours says <c>reasoning_content</c>, llama-server <c>deepseek</c>.</param>
internal sealed class HttpChatTarget(HttpClient http, string model, bool tinyModel, string name, double? temperature = null,
    string reasoningFormat = "reasoning_content") : IChatTarget
{
    public string Name => name;

    public async Task<TurnMeasurement> RunTurnAsync(IReadOnlyList<(string Role, string Content)> messages, int maxTokens, int seed)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
            ["max_completion_tokens"] = maxTokens,
            ["seed"] = seed,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["reasoning_format"] = reasoningFormat,
        };
        if (temperature is { } t)
        {
            body["temperature"] = t;
        }

        if (tinyModel)
        {
            // Our tiny model would end its turn at random; without the end token every turn generates maxTokens.
            body["logit_bias"] = new JsonObject { [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100 };
        }
        else
        {
            body["ignore_eos"] = true; // llama-server's and vLLM's extension for the same purpose
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var arrivals = new TokenArrivals(maxTokens);
        var answer = new StringBuilder();
        int completion = 0, prompt = 0, cached = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            var chunk = JsonNode.Parse(line.AsSpan(6).ToString())!;
            if (chunk["usage"] is JsonObject usage)
            {
                completion = (int)usage["completion_tokens"]!;
                prompt = (int)usage["prompt_tokens"]!;
                cached = (int?)usage["prompt_tokens_details"]?["cached_tokens"] ?? 0;
            }

            if (chunk["choices"]?.AsArray() is not [{ } choice])
            {
                continue;
            }

            var delta = choice["delta"];
            var content = (string?)delta?["content"];
            var reasoning = (string?)delta?["reasoning_content"] ?? (string?)delta?["reasoning"];
            if (string.IsNullOrEmpty(content) && string.IsNullOrEmpty(reasoning))
            {
                continue;
            }

            answer.Append(content);
            arrivals.Mark();
        }

        return new TurnMeasurement(arrivals.TimeToFirstToken(sent), arrivals.GapsMilliseconds, completion, prompt, cached, answer.ToString(), arrivals.FirstTimestamp);
    }
}
