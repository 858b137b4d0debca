using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Bench.Chat;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Load;

/// <summary>
/// Concurrent streaming clients holding multi-turn conversations: aggregate tokens/s, time to first token and
/// inter-token latency percentiles, prefix-cache hit rate; against our server (started here with the `bench`
/// tiny model) and the same load straight through the engine, or against any OpenAI-compatible base URL.
/// Also <c>n</c> choices in one request versus the same number of sequential requests.
/// </summary>
internal static class LoadBenchmark
{
    private const int ContextSize = 32768;

    public static async Task<int> RunAsync(LoadArguments arguments)
    {
        if (arguments.BaseUrl is null && (arguments.ServerDll is null || !File.Exists(arguments.ServerDll)))
        {
            Console.Error.WriteLine("Give --server PATH/ReasoningServer.dll (bench/load.sh builds it) or --base-url of a running OpenAI-compatible server.");
            return 2;
        }

        var results = new List<(LoadResult Result, double? Ratio)>();
        var choices = new List<string>();
        if (arguments.BaseUrl is { } baseUrl)
        {
            using var http = new HttpClient { BaseAddress = Normalize(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
            var target = new HttpChatTarget(http, arguments.Model, tinyModel: false, $"server at {http.BaseAddress}");
            foreach (var clients in arguments.Clients)
            {
                results.Add((Print(await LoadRun.RunAsync(target, clients, clients, arguments.Turns, arguments.Tokens)), null));
            }
        }
        else
        {
            await RunOursAsync(arguments, results, choices);
        }

        var report = Report(arguments, results, choices);
        Console.WriteLine(report);
        if (arguments.ResultsPath is { } path)
        {
            await File.AppendAllTextAsync(path, report);
        }

        return 0;
    }

    private static async Task RunOursAsync(LoadArguments arguments, List<(LoadResult, double?)> results, List<string> choices)
    {
        var modelPath = TinyModelCache.EnsureModel(TinyModelPreset.Bench);
        LlamaNativeLibrary.Initialize(null, null);
        using var model = LoadedModel.Load(new ModelLoadOptions(modelPath));
        var parallel = arguments.Parallel.ToString(CultureInfo.InvariantCulture);
        await using var server = await ServerProcess.StartAsync(arguments.ServerDll!, modelPath, ContextSize, 0, ["--parallel", parallel]);
        var serverTarget = new HttpChatTarget(server.Http, "bench", tinyModel: true, "server (HTTP, SSE)");
        using var engine = new InferenceEngine(model, new EngineOptions { ContextSize = ContextSize, Slots = arguments.Parallel }, NullLogger<InferenceEngine>.Instance);
        await engine.StartAsync();
        var engineTarget = new EngineChatTarget(engine);

        // A short warm-up of each path, then each level through the engine and the server in turn, so machine
        // noise hits both alike. Each level has conversations of its own: no level hits another's cache.
        await LoadRun.RunAsync(engineTarget, run: 0, 1, 1, 8);
        await LoadRun.RunAsync(serverTarget, run: 0, 1, 1, 8);
        foreach (var clients in arguments.Clients)
        {
            LoadResult? raw = null;
            if (arguments.Engine)
            {
                raw = Print(await LoadRun.RunAsync(engineTarget, run: clients, clients, arguments.Turns, arguments.Tokens));
                results.Add((raw, null));
            }

            var served = Print(await LoadRun.RunAsync(serverTarget, run: clients, clients, arguments.Turns, arguments.Tokens));
            results.Add((served, raw is null ? null : served.TokensPerSecond / raw.TokensPerSecond));
        }

        if (arguments.Choices > 1 && arguments.Choices <= arguments.Parallel)
        {
            choices.Add(await ChoicesOverHttpAsync(server.Http, arguments.Choices, arguments.Tokens));
            choices.Add(await ChoicesInEngineAsync(engine, arguments.Choices, arguments.Tokens));
        }
    }

    private static LoadResult Print(LoadResult result)
    {
        Console.WriteLine(result.Row(null));
        return result;
    }

    /// <summary>One request with n choices against n sequential requests for the same prompt, through the server.</summary>
    private static async Task<string> ChoicesOverHttpAsync(HttpClient http, int n, int tokens)
    {
        async Task<TimeSpan> PostAsync(string prompt, int choices, int seed)
        {
            var body = new JsonObject
            {
                ["model"] = "bench",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = ConversationScript.SystemPrompt },
                    new JsonObject { ["role"] = "user", ["content"] = prompt }),
                ["max_completion_tokens"] = tokens, ["n"] = choices, ["seed"] = seed,
                ["logit_bias"] = new JsonObject { [ByteLevelBpeVocabulary.ImEndId.ToString(CultureInfo.InvariantCulture)] = -100 },
            };
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync();
            return clock.Elapsed;
        }

        var together = await PostAsync(ConversationScript.UserTurn(900, 0, 0), n, 1);
        var sequential = TimeSpan.Zero;
        var prompt = ConversationScript.UserTurn(901, 0, 0);
        for (var i = 0; i < n; i++)
        {
            sequential += await PostAsync(prompt, 1, 1 + i);
        }

        return Choices("server", n, together, sequential);
    }

    private static async Task<string> ChoicesInEngineAsync(InferenceEngine engine, int n, int tokens)
    {
        var bias = new Dictionary<LlamaToken, float> { [new LlamaToken(ByteLevelBpeVocabulary.ImEndId)] = -100 };
        LlamaToken[] Prompt(int run) => engine.Model.Tokenizer.Tokenize(
            $"<|im_start|>system\n{ConversationScript.SystemPrompt}<|im_end|>\n<|im_start|>user\n{ConversationScript.UserTurn(run, 0, 0)}<|im_end|>\n<|im_start|>assistant\n<think>\n",
            addSpecial: true, parseSpecial: true);
        GenerationRequest Request(LlamaToken[] prompt, int seed) => new(prompt, new SamplingParameters { Seed = (uint)seed, LogitBias = bias }, tokens);

        var shared = Prompt(902);
        var clock = Stopwatch.StartNew();
        var handles = engine.SubmitGroup([.. Enumerable.Range(0, n).Select(i => Request(shared, 1 + i))]);
        await Task.WhenAll(handles.Select(DrainAsync));
        var together = clock.Elapsed;

        var prompt = Prompt(903);
        clock.Restart();
        for (var i = 0; i < n; i++)
        {
            using var handle = engine.Submit(Request(prompt, 1 + i));
            await DrainAsync(handle);
        }

        return Choices("engine", n, together, clock.Elapsed);
    }

    /// <summary>Reads a sequence to its end: an unread one pauses at the engine's MaxUnreadTokens.</summary>
    private static async Task DrainAsync(GenerationHandle handle)
    {
        await foreach (var _ in handle.Tokens.ReadAllAsync())
        {
        }

        await handle.Completion;
    }

    private static string Choices(string path, int n, TimeSpan together, TimeSpan sequential) => string.Create(CultureInfo.InvariantCulture,
        $"| {path} | {together.TotalMilliseconds:0} | {sequential.TotalMilliseconds:0} | {together / sequential:0.00} |");

    private static Uri Normalize(string baseUrl)
    {
        var text = baseUrl.TrimEnd('/');
        text = text.EndsWith("/v1", StringComparison.Ordinal) ? text[..^3] : text;
        return new Uri(text + "/");
    }

    private static string Report(LoadArguments arguments, List<(LoadResult Result, double? Ratio)> results, List<string> choices)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### Concurrent streaming load ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores; {(arguments.BaseUrl ?? $"`bench` tiny model, --parallel {arguments.Parallel}, context {ContextSize}")}; each client holds a {arguments.Turns}-turn conversation, {arguments.Tokens} generated tokens per turn.\n");
        text.AppendLine("| clients | path | tokens/s | server/engine | TTFT p50 ms | TTFT p95 ms | ITL p50 ms | ITL p95 ms | prefix-cache hits (tokens, turns) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (result, ratio) in results)
        {
            text.AppendLine(result.Row(ratio));
        }

        if (choices.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\n`n = {arguments.Choices}` in one request versus {arguments.Choices} sequential requests ({arguments.Tokens} tokens each):\n");
            text.AppendLine("| path | one request, ms | sequential, ms | ratio |");
            text.AppendLine("|---|---:|---:|---:|");
            foreach (var row in choices)
            {
                text.AppendLine(row);
            }
        }

        return text.ToString();
    }
}
