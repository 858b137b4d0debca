using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Overload;

/// <summary>
/// 4× more concurrent clients than slots + queue, in waves, against the real server: how many get 200 / 429 / other,
/// whether every 429 carries Retry-After, no 5xx, the latency of admitted requests; then the same waves of endless
/// requests under Generation:RequestTimeoutSeconds, which must end at the limit (200 "length" with what was generated,
/// or 503 <c>timeout</c> with Retry-After when nothing was).
/// </summary>
internal static class OverloadBenchmark
{
    private const int ContextSize = 16384;

    public static async Task<int> RunAsync(OverloadArguments arguments)
    {
        if (arguments.ServerDll is null || !File.Exists(arguments.ServerDll))
        {
            Console.Error.WriteLine("--server must name the built ReasoningServer.dll (bench/overload.sh builds it).");
            return 2;
        }

        var model = TinyModelCache.EnsureModel(TinyModelPreset.Bench);
        string[] flags = ["--parallel", arguments.Slots.ToString(CultureInfo.InvariantCulture), $"--Model:QueueCapacity={arguments.Queue}", "--ledger-provider", "None"];
        List<OverloadReply> plain, limited;
        await using (var server = await ServerProcess.StartAsync(arguments.ServerDll, model, ContextSize, arguments.Threads, flags))
        {
            plain = await WavesAsync(server.Http, arguments, endless: false);
        }

        await using (var server = await ServerProcess.StartAsync(arguments.ServerDll, model, ContextSize, arguments.Threads,
            [.. flags, "--request-timeout", arguments.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)]))
        {
            limited = await WavesAsync(server.Http, arguments, endless: true);
        }

        var report = Report(arguments, plain, limited);
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(arguments.ResultsPath))!);
        await File.AppendAllTextAsync(arguments.ResultsPath, report);
        var limit = arguments.TimeoutSeconds * 1000.0;
        var honoured = limited.Where(r => r.Status is 200 or 503).All(r => r.Milliseconds < limit + 2000);
        return Errors(plain) == 0 && MissingRetryAfter(plain) + MissingRetryAfter(limited) == 0 && honoured ? 0 : 1;
    }

    private static async Task<List<OverloadReply>> WavesAsync(HttpClient http, OverloadArguments arguments, bool endless)
    {
        var replies = new List<OverloadReply>();
        for (var wave = 0; wave < arguments.Waves; wave++)
        {
            var tokens = endless ? ContextSize / 2 : arguments.Tokens;
            replies.AddRange(await Task.WhenAll(Enumerable.Range(0, arguments.Clients).Select(i => SendAsync(http, $"Wave {wave}, client {i}: what is {i} + {wave}?", tokens, endless))));
        }

        return replies;
    }

    private static async Task<OverloadReply> SendAsync(HttpClient http, string text, int tokens, bool endless)
    {
        var body = new JsonObject
        {
            ["model"] = "bench",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            ["max_completion_tokens"] = tokens,
        };
        if (endless)
        {
            body["logit_bias"] = new JsonObject
            {
                [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100,
                [ByteLevelBpeVocabulary.ThinkEndId.ToString(CultureInfo.InvariantCulture)] = -100,
            };
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var status = (int)response.StatusCode;
        return status == 200
            ? new OverloadReply(status, elapsed, false, (string?)json!["choices"]![0]!["finish_reason"], (int)json["usage"]!["completion_tokens"]!)
            : new OverloadReply(status, elapsed, response.Headers.RetryAfter?.Delta > TimeSpan.Zero, (string?)json?["error"]?["code"], 0);
    }

    private static int Errors(List<OverloadReply> replies) => replies.Count(r => r.Status >= 500);

    private static int MissingRetryAfter(List<OverloadReply> replies) => replies.Count(r => r.Status is 429 or 503 && !r.RetryAfter);

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Report(OverloadArguments arguments, List<OverloadReply> plain, List<OverloadReply> limited)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## Overload ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {LoadAverage.Now})\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"`bash bench/overload.sh --slots {arguments.Slots} --queue {arguments.Queue} --factor {arguments.Factor} --waves {arguments.Waves}`: `bench` tiny model, {arguments.Slots} slots + {arguments.Queue} queued, {arguments.Clients} concurrent JSON requests per wave ({arguments.Factor}×), {arguments.Waves} waves.\n");
        text.AppendLine("| run | requests | 200 | 429 (with Retry-After) | 503 timeout (with Retry-After) | other 5xx | 200 p50 / p99 / max ms | 200 finish reasons |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        Row($"{arguments.Tokens} tokens, no time limit", plain);
        Row($"endless, RequestTimeoutSeconds={arguments.TimeoutSeconds}", limited);
        return text.ToString();

        void Row(string name, List<OverloadReply> replies)
        {
            var admitted = replies.Where(r => r.Status == 200).Select(r => r.Milliseconds).Order().ToList();
            var reasons = string.Join(", ", replies.Where(r => r.Status == 200).GroupBy(r => r.FinishReason).Select(g => $"{g.Key} {g.Count()}"));
            var timeouts = replies.Where(r => r.Status == 503 && r.FinishReason == "timeout").ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {replies.Count} | {admitted.Count} | {replies.Count(r => r.Status == 429)} ({replies.Count(r => r.Status == 429 && r.RetryAfter)}) | {timeouts.Count} ({timeouts.Count(r => r.RetryAfter)}) | {replies.Count(r => r.Status >= 500) - timeouts.Count} | {Percentile(admitted, 0.5):0} / {Percentile(admitted, 0.99):0} / {(admitted.Count > 0 ? admitted[^1] : 0):0} | {reasons} |");
        }
    }
}
