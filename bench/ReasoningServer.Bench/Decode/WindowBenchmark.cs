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
/// Fills a whole 131072-token window with the `test` tiny model through the engine: a prompt of all but
/// 32 cells, then generation (end tokens biased away) until the window is full. Reports prefill time, the KV cache llama.cpp
/// allocated (from its own log), and this process's resident memory before and after.
/// </summary>
internal static class WindowBenchmark
{
    private const int Window = 131072;
    private const int Room = 32;

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var kvLines = new List<string>();
        LlamaNativeLibrary.Initialize(null, (_, line) =>
        {
            if (line.Contains("KV buffer size", StringComparison.Ordinal) || line.Contains("kv_cache: size", StringComparison.Ordinal))
            {
                lock (kvLines)
                {
                    kvLines.Add(line.Trim());
                }
            }
        });

        var modelPath = TinyModelCache.EnsureModel(TinyModelPreset.Test);
        using var model = LoadedModel.Load(new ModelLoadOptions(modelPath));
        var afterLoad = ProcessMemory.ResidentMiB();

        using var engine = new InferenceEngine(model, new EngineOptions { ContextSize = Window, Threads = arguments.Threads }, NullLogger<InferenceEngine>.Instance);
        await engine.StartAsync();
        var afterContext = ProcessMemory.ResidentMiB();

        // Printable ASCII in a fixed pseudo-random order: one token per byte in the tiny vocabulary.
        var random = new Random(42);
        var text = new string([.. Enumerable.Range(0, Window - Room).Select(_ => (char)random.Next(32, 127))]);
        var prompt = model.Tokenizer.Tokenize(text, addSpecial: false, parseSpecial: false);
        Console.WriteLine($"Context {engine.ContextSize} tokens, prompt {prompt.Length} tokens; prefilling…");

        var clock = Stopwatch.StartNew();
        using var handle = engine.Submit(new GenerationRequest(prompt, new SamplingParameters { Seed = 1, LogitBias = DecodeBenchmark.NeverStop }, MaxTokens: Window));
        TimeSpan? prefill = null;
        var generated = 0;
        await foreach (var _ in handle.Tokens.ReadAllAsync())
        {
            prefill ??= clock.Elapsed;
            generated++;
        }

        var summary = await handle.Completion;
        var report = Report(arguments, engine.ContextSize, prompt.Length, prefill ?? clock.Elapsed, generated, summary.Reason,
            afterLoad, afterContext, ProcessMemory.PeakResidentMiB(), kvLines);
        Console.WriteLine(report);
        if (arguments.ResultsPath is { } results)
        {
            await File.AppendAllTextAsync(results, report);
        }

        return 0;
    }

    private static string Report(BenchArguments arguments, int context, int prompt, TimeSpan prefill, int generated, FinishReason reason,
        double afterLoad, double afterContext, double peak, List<string> kvLines)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### A full 131072-token window, `test` preset ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {(arguments.Threads > 0 ? arguments.Threads : Math.Max(1, Environment.ProcessorCount - 1))} decode threads, batch 512, F16 KV cache, one sequence.\n");
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| context allocated | {context} tokens |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| prompt | {prompt} tokens |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| prefill (submit to first token) | {prefill.TotalSeconds:0.0} s ({prompt / prefill.TotalSeconds:0} tokens/s) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| generated until the window was full | {generated} tokens, finish `{reason}`{(reason == FinishReason.ContextFull ? " (`length` on the wire)" : string.Empty)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| prompt + generated | {prompt + generated} tokens |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| resident memory after model load | {afterLoad:0} MiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| resident memory after context creation | {afterContext:0} MiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| peak resident memory (window full) | {peak:0} MiB |");
        foreach (var line in kvLines.Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| llama.cpp | `{line}` |");
        }

        return text.ToString();
    }
}
