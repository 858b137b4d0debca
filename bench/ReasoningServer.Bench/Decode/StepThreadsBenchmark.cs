using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Decode;

/// <summary>
/// Aggregate decode tokens/s of the engine alone for R sequences decoded together, for each thread count:
/// the data behind the engine's choice of threads per step (how a step of R rows scales with threads).
/// </summary>
internal static class StepThreadsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int[] Numbers(string name, string fallback) => (Value(name) ?? fallback).Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var rows = Numbers("--rows", "1,2,4,8,16");
        var threads = Numbers("--threads", "1,2");
        var tokens = int.Parse(Value("--tokens") ?? "64", CultureInfo.InvariantCulture);
        var preset = Enum.Parse<TinyModelPreset>(Value("--model") ?? "bench", ignoreCase: true);

        LlamaNativeLibrary.Initialize(Value("--lib-dir"), null);
        using var model = LoadedModel.Load(new ModelLoadOptions(TinyModelCache.EnsureModel(preset)));
        Console.WriteLine($"| rows | threads | decode tokens/s | ms per step | load |");
        Console.WriteLine("|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            foreach (var t in threads)
            {
                using var engine = new InferenceEngine(model, new EngineOptions { ContextSize = 8192, Slots = r, Threads = t, BatchThreads = t },
                    NullLogger<InferenceEngine>.Instance);
                await engine.StartAsync();
                var rate = await RateAsync(engine, r, tokens);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r} | {t} | {rate:0.0} | {1000 * r / rate:0.0} | {LoadAverage.Now} |"));
            }
        }

        return 0;
    }

    /// <summary>Tokens after the first of every sequence over the time from the last first token to the end.</summary>
    private static async Task<double> RateAsync(InferenceEngine engine, int rows, int tokens)
    {
        var handles = Enumerable.Range(0, rows).Select(i => engine.Submit(new GenerationRequest(
            EngineRunsPrompt(engine, i), new SamplingParameters { Temperature = 0, LogitBias = DecodeBenchmark.NeverStop }, tokens))).ToList();
        var firsts = await Task.WhenAll(handles.Select(async h => { await h.Tokens.WaitToReadAsync(); return Stopwatch.GetTimestamp(); }));
        await Task.WhenAll(handles.Select(async h => { await foreach (var _ in h.Tokens.ReadAllAsync()) { } await h.Completion; }));
        var seconds = Stopwatch.GetElapsedTime(firsts.Max()).TotalSeconds;
        handles.ForEach(h => h.Dispose());
        return rows * (tokens - 1) / seconds;
    }

    private static LlamaToken[] EngineRunsPrompt(InferenceEngine engine, int i) =>
        engine.Model.Tokenizer.Tokenize($"<|im_start|>user\nSequence {i}: count.<|im_end|>\n<|im_start|>assistant\n<think>\n", addSpecial: true, parseSpecial: true);
}
