using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.Grammars;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Decode;

/// <summary>
/// What grammar-constrained sampling (structured outputs) costs: single-stream decode tokens/s with no grammar, with
/// a json_schema whose string lets most drawn tokens through, and with a schema of enums, integers and booleans that
/// rejects most draws (each rejection masks the whole vocabulary) — alternating runs in one process, on the `bench`
/// model (261 tokens) and on a tiny model with Qwen3's real 151,936-token vocabulary, where masking is expensive.
/// </summary>
internal static class GrammarBenchmark
{
    // Both schemas are long enough that no run ends before its token count: the rates compare equal work.
    private const string FreeText = """{"type":"object","properties":{"text":{"type":"string","minLength":5000}},"required":["text"]}""";

    private const string Structured = """
        {"type":"array","items":{"type":"object","properties":{
          "kind":{"type":"string","enum":["meeting","party","trip","call"]},"day":{"type":"integer","minimum":1,"maximum":31},
          "done":{"type":"boolean"},"tag":{"type":"string","maxLength":4}},"required":["kind","day","done","tag"],"additionalProperties":false},"minItems":500}
        """;

    public static async Task<int> RunAsync(BenchArguments arguments, string? qwenTokenizerFolder)
    {
        LlamaNativeLibrary.Initialize(null, null);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### Grammar sampling cost ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, load {LoadAverage.Now}, engine only, one stream, {arguments.Tokens} tokens per run (the end of turn biased away; both schemas last longer), median of {arguments.Runs} alternating runs, seeds 1..{arguments.Runs}.\n");
        text.AppendLine("| model (vocabulary) | sampling | decode tokens/s | ratio to free | vocabulary masks per token |");
        text.AppendLine("|---|---|---:|---:|---:|");
        await MeasureAsync(text, "`bench` (261)", TinyModelCache.EnsureModel(TinyModelPreset.Bench), arguments);
        if (qwenTokenizerFolder is not null)
        {
            var path = Path.Combine(Path.GetTempPath(), "reasoningserver-bench-qwen3.gguf");
            RealTokenizerModelGenerator.Generate(qwenTokenizerFolder, path, new RealTokenizerModelOptions { Name = "bench-qwen3", ContextLength = 8192 });
            await MeasureAsync(text, "tiny Qwen3 (151,936)", path, arguments);
        }

        Console.WriteLine(text);
        if (arguments.ResultsPath is { } results)
        {
            await File.AppendAllTextAsync(results, text.ToString());
        }

        return 0;
    }

    private static async Task MeasureAsync(StringBuilder text, string label, string modelPath, BenchArguments arguments)
    {
        using var model = LoadedModel.Load(new ModelLoadOptions(modelPath));
        var prompt = model.Tokenizer.Tokenize("Write the events of the week as JSON.", addSpecial: true, parseSpecial: false);
        // Without a grammar the random model would end its turn at some point: the end tokens are kept away.
        var neverStop = Enumerable.Range(0, model.Tokenizer.VocabularySize).Select(id => new LlamaToken(id))
            .Where(model.Tokenizer.IsEndOfGeneration).ToDictionary(t => t, _ => -100f);
        var grammars = new (string Name, GrammarConstraint? Grammar)[]
        {
            ("free (no grammar)", null),
            ("json_schema, one free string", Grammar(FreeText)),
            ("json_schema, enums/integers/booleans", Grammar(Structured)),
        };
        var rates = grammars.Select(_ => new List<double>()).ToArray();
        var masks = grammars.Select(_ => new List<double>()).ToArray();
        using var engine = new InferenceEngine(model, new EngineOptions { ContextSize = 4096, Threads = arguments.Threads }, NullLogger<InferenceEngine>.Instance);
        await engine.StartAsync();
        await RateAsync(engine, prompt, 16, null, 0, neverStop); // warm-up
        for (var run = 0; run < arguments.Runs; run++)
        {
            for (var g = 0; g < grammars.Length; g++)
            {
                var resamplesBefore = engine.Statistics.GrammarResamples;
                var (rate, tokens) = await RateAsync(engine, prompt, arguments.Tokens, grammars[g].Grammar, run + 1, neverStop);
                rates[g].Add(rate);
                masks[g].Add((engine.Statistics.GrammarResamples - resamplesBefore) / (double)Math.Max(1, tokens));
                Console.WriteLine($"  {label} run {run + 1}: {grammars[g].Name} {rate:0.0} tok/s over {tokens} tokens");
            }
        }

        var free = Statistics.Median(rates[0]);
        for (var g = 0; g < grammars.Length; g++)
        {
            var rate = Statistics.Median(rates[g]);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {grammars[g].Name} | {rate:0.0} | {rate / free:0.00} | {Statistics.Median(masks[g]):0.00} |");
        }
    }

    private static GrammarConstraint Grammar(string schema)
    {
        var builder = new GbnfGrammarBuilder();
        return new GrammarConstraint(builder.Build(builder.AddJsonSchema(JsonDocument.Parse(schema).RootElement)));
    }

    private static Task<(double Rate, int Tokens)> RateAsync(
        InferenceEngine engine, LlamaToken[] prompt, int tokens, GrammarConstraint? grammar, int seed, Dictionary<LlamaToken, float> bias) =>
        DecodeBenchmark.EngineRateAsync(engine, new GenerationRequest(prompt, new SamplingParameters { Seed = (uint)seed, LogitBias = bias }, tokens, Grammar: grammar));
}
