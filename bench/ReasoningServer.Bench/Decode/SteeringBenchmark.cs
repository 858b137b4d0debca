using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Bench.Decode;

/// <summary>
/// What budget steering costs per token on the engine thread: single-stream decode of the `bench` model
/// without steering and with a budget state machine that sees every token (its budget is never reached, so
/// both runs decode the same tokens), alternating runs, medians and their ratio.
/// </summary>
internal static class SteeringBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        LlamaNativeLibrary.Initialize(null, null);
        var modelPath = TinyModelCache.EnsureModel(TinyModelPreset.Bench);
        using var model = LoadedModel.Load(new ModelLoadOptions(modelPath));
        var prompt = model.Tokenizer.Tokenize(DecodeBenchmark.Prompt, addSpecial: true, parseSpecial: true);
        var forcing = BudgetForcingTokens.Create(model.Tokenizer, ReasoningFormat.Think, "\n\nI must answer now.\n", "\nWait,")!;
        ITokenSteering Steering() => new ThinkingBudgetSteering(new ThinkingBudget(int.MaxValue), forcing, model.Tokenizer, thinkingOpenedByPrompt: true);

        var plain = new List<double>();
        var steered = new List<double>();
        using (var engine = new InferenceEngine(model, new EngineOptions { ContextSize = 4096, Threads = arguments.Threads }, NullLogger<InferenceEngine>.Instance))
        {
            await engine.StartAsync();
            await DecodeBenchmark.EngineRateAsync(engine, prompt, 16, Steering()); // warm-up
            for (var run = 0; run < arguments.Runs; run++)
            {
                plain.Add(await DecodeBenchmark.EngineRateAsync(engine, prompt, arguments.Tokens));
                steered.Add(await DecodeBenchmark.EngineRateAsync(engine, prompt, arguments.Tokens, Steering()));
                Console.WriteLine($"  run {run + 1}: without {plain[^1]:0.0} tok/s, with steering {steered[^1]:0.0} tok/s");
            }
        }

        var (without, with) = (Statistics.Median(plain), Statistics.Median(steered));
        var nanoseconds = NanosecondsPerToken(Steering(), prompt);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### Budget steering cost, `bench` preset ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, engine only, one stream, {arguments.Tokens} tokens per run, median of {arguments.Runs} alternating runs.\n");
        text.AppendLine("| engine path | decode tokens/s | ratio |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| without steering | {without:0.0} | 1.000 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| with budget steering on every token | {with:0.0} | {with / without:0.000} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"\nThe state machine alone, timed over 10M tokens: {nanoseconds:0.0} ns per token, {nanoseconds / (1e9 / without) * 100:0.0000}% of one decode step at {without:0.0} tokens/s; so whatever the end-to-end ratio departs from 1 by beyond that share is run-to-run noise, not steering.");
        Console.WriteLine(text);
        if (arguments.ResultsPath is { } results)
        {
            await File.AppendAllTextAsync(results, text.ToString());
        }

        return 0;
    }

    /// <summary>Per-token cost of the state machine itself, free of decode noise: thinking text that never reaches its budget.</summary>
    private static double NanosecondsPerToken(ITokenSteering steering, LlamaToken[] text)
    {
        const int Tokens = 10_000_000;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Tokens; i++)
        {
            steering.Steer(text[i % text.Length]);
        }

        return clock.Elapsed.TotalNanoseconds / Tokens;
    }
}
