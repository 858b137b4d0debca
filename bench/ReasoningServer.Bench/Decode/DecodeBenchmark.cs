using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Decode;

/// <summary>
/// Single-stream decode speed of the `bench` tiny model (~25M parameters) measured two ways in one run:
/// straight through <see cref="InferenceEngine"/> (no HTTP), and through the server over SSE. Runs alternate
/// so machine noise hits both alike; medians are reported, and the ratio is the number that matters.
/// </summary>
internal static class DecodeBenchmark
{
    private const int ContextSize = 4096;
    public const string Prompt = "<|im_start|>user\nWhat is 12345 + 67890? Think step by step.<|im_end|>\n<|im_start|>assistant\n<think>\n";

    // The same bias in both paths keeps the model generating until the token limit: no </think>, no end of turn.
    public static readonly Dictionary<LlamaToken, float> NeverStop = new()
    {
        [new LlamaToken(ByteLevelBpeVocabulary.ThinkEndId)] = -100,
        [new LlamaToken(ByteLevelBpeVocabulary.ImEndId)] = -100,
    };

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        if (arguments.ServerDll is null || !File.Exists(arguments.ServerDll))
        {
            Console.Error.WriteLine("--server must name the built ReasoningServer.dll (bench/decode.sh builds it).");
            return 2;
        }

        var modelPath = TinyModelCache.EnsureModel(TinyModelPreset.Bench);

        Console.WriteLine($"Model: {modelPath}; {arguments.Tokens} tokens per run, {arguments.Runs} runs each, {Threads(arguments)} decode threads, context {ContextSize}.");
        LlamaNativeLibrary.Initialize(null, null);
        using var model = LoadedModel.Load(new ModelLoadOptions(modelPath));
        var prompt = model.Tokenizer.Tokenize(Prompt, addSpecial: true, parseSpecial: true);

        await using var server = await ServerProcess.StartAsync(arguments.ServerDll, modelPath, ContextSize, arguments.Threads);
        Console.WriteLine($"Server: first response {server.StartToFirstResponse.TotalMilliseconds:0} ms after the process started.");

        var engineRates = new List<double>();
        var serverRates = new List<double>();
        using (var engine = new InferenceEngine(model, new EngineOptions { ContextSize = ContextSize, Threads = arguments.Threads }, NullLogger<InferenceEngine>.Instance))
        {
            await engine.StartAsync();
            await EngineRateAsync(engine, prompt, 16); // warm-up
            await server.DecodeRateAsync(16, NeverStop);
            for (var run = 0; run < arguments.Runs; run++)
            {
                engineRates.Add(await EngineRateAsync(engine, prompt, arguments.Tokens));
                serverRates.Add(await server.DecodeRateAsync(arguments.Tokens, NeverStop));
                Console.WriteLine($"  run {run + 1}: engine {engineRates[^1]:0.0} tok/s, server {serverRates[^1]:0.0} tok/s");
            }
        }

        var report = Report(arguments, Statistics.Median(engineRates), Statistics.Median(serverRates), server.StartToFirstResponse);
        Console.WriteLine(report);
        if (arguments.ResultsPath is { } results)
        {
            await File.AppendAllTextAsync(results, report);
        }

        return 0;
    }

    /// <summary>Decode tokens/s of one sequence straight through the engine, optionally with budget steering.</summary>
    public static async Task<double> EngineRateAsync(InferenceEngine engine, LlamaToken[] prompt, int tokens, ITokenSteering? steering = null) =>
        (await EngineRateAsync(engine, new GenerationRequest(prompt, new SamplingParameters { Seed = 1, LogitBias = NeverStop }, tokens, Steering: steering))).Rate;

    /// <summary>Decode tokens/s of one request straight through the engine, and how many tokens it generated.</summary>
    public static async Task<(double Rate, int Tokens)> EngineRateAsync(InferenceEngine engine, GenerationRequest request)
    {
        using var handle = engine.Submit(request);
        long first = 0;
        var count = 0;
        await foreach (var _ in handle.Tokens.ReadAllAsync())
        {
            if (count++ == 0)
            {
                first = Stopwatch.GetTimestamp();
            }
        }

        await handle.Completion;
        // From the first token to the last: decode only, prompt evaluation excluded.
        return ((count - 1) / Stopwatch.GetElapsedTime(first).TotalSeconds, count);
    }

    private static string Threads(BenchArguments arguments) =>
        arguments.Threads > 0 ? arguments.Threads.ToString(CultureInfo.InvariantCulture) : $"{Math.Max(1, Environment.ProcessorCount - 1)} (default)";

    private static string Report(BenchArguments arguments, double engine, double server, TimeSpan startup)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### Single-stream decode, `bench` preset ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {Threads(arguments)} decode threads, {arguments.Tokens} generated tokens per run, median of {arguments.Runs} alternating runs.\n");
        text.AppendLine("| path | decode tokens/s | ratio to engine |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| engine (no HTTP) | {engine:0.0} | 1.00 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| server (SSE, one chunk per token) | {server:0.0} | {server / engine:0.00} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"\nServer process start to first chat completion served (tiny model load included): {startup.TotalMilliseconds:0} ms.");
        return text.ToString();
    }
}
