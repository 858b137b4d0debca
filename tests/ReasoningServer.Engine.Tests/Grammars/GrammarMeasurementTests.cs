using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ReasoningServer.Engine.Grammars;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;
using Xunit.Abstractions;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>
/// Measurements, printed and never asserted on (shared machines make timings noisy): how long a large schema
/// takes to become a grammar and to load into llama.cpp, and what grammar sampling costs per token.
/// Run with <c>--logger "console;verbosity=detailed"</c> to see them.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class GrammarMeasurementTests(TinyModelFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Build_time_of_a_large_schema()
    {
        var schema = JsonDocument.Parse(LargeSchema()).RootElement;
        var grammar = "";
        var timings = new List<double>();
        for (var run = 0; run < 21; run++)
        {
            var watch = Stopwatch.StartNew();
            var builder = new GbnfGrammarBuilder();
            grammar = builder.Build(builder.AddJsonSchema(schema));
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        var load = Stopwatch.StartNew();
        var sampler = NativeMethods.llama_sampler_init_grammar(fixture.Model.Handle.Vocab, grammar, "root");
        var loadMs = load.Elapsed.TotalMilliseconds;
        Assert.NotEqual(nint.Zero, sampler);
        NativeMethods.llama_sampler_free(sampler);

        timings.Sort();
        output.WriteLine($"large schema: {schema.GetRawText().Length} chars of schema -> {grammar.Length} chars, "
            + $"{grammar.Count(c => c == '\n')} rules; build median {timings[10]:F2} ms (first {timings[^1]:F2} ms); "
            + $"llama_sampler_init_grammar {loadMs:F1} ms");
    }

    [Fact]
    public void Sampling_cost_per_token()
    {
        var builder = new GbnfGrammarBuilder();
        var grammar = builder.Build(builder.AddJsonSchema(JsonDocument.Parse(SchemaCorpus.Bounded[0].Schema).RootElement));
        var (grammarTime, grammarTokens) = (TimeSpan.Zero, 0);
        var (plainTime, plainTokens) = (TimeSpan.Zero, 0);
        for (uint seed = 1; seed <= 20; seed++)
        {
            var constrained = GrammarGeneration.Generate(fixture, grammar, seed, 400);
            grammarTime += constrained.SamplingTime;
            grammarTokens += constrained.Tokens;
            var plain = GrammarGeneration.Generate(fixture, null, seed, 400);
            plainTime += plain.SamplingTime;
            plainTokens += plain.Tokens;
        }

        var vocabulary = fixture.Model.Tokenizer.VocabularySize;
        var withGrammar = grammarTime.TotalMicroseconds / grammarTokens;
        var without = plainTime.TotalMicroseconds / plainTokens;
        output.WriteLine($"sampling ({vocabulary} tokens in the vocabulary): {withGrammar:F1} us/token with the grammar "
            + $"({grammarTokens} tokens), {without:F1} us/token without ({plainTokens} tokens): grammar costs {withGrammar - without:F1} us/token");
    }

    /// <summary>A schema the size of a big tool catalogue: 120 properties of every kind, nested objects, enums, refs.</summary>
    private static string LargeSchema()
    {
        var properties = new StringBuilder();
        for (var i = 0; i < 120; i++)
        {
            if (i > 0)
            {
                properties.Append(',');
            }

            properties.Append($"\"field_{i}\":");
            properties.Append((i % 8) switch
            {
                0 => "{\"type\":\"string\",\"maxLength\":64,\"description\":\"free text\"}",
                1 => "{\"type\":\"integer\",\"minimum\":-100,\"maximum\":" + (1000 + i * 37) + "}",
                2 => "{\"type\":\"string\",\"enum\":[" + string.Join(",", Enumerable.Range(0, 40).Select(v => $"\"option_{i}_{v}\"")) + "]}",
                3 => "{\"type\":\"array\",\"maxItems\":10,\"items\":{\"$ref\":\"#/$defs/address\"}}",
                4 => "{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}[0-9]{2,6}(-[a-z]+)?$\"}",
                5 => "{\"type\":[\"number\",\"null\"],\"minimum\":0,\"maximum\":100}",
                6 => "{\"type\":\"string\",\"format\":\"date-time\"}",
                _ => "{\"type\":\"object\",\"properties\":{" + string.Join(",", Enumerable.Range(0, 10).Select(v => $"\"n{v}\":{{\"type\":\"boolean\"}}")) + "},\"required\":[\"n0\",\"n5\"]}",
            });
        }

        var required = string.Join(",", Enumerable.Range(0, 120).Where(i => i % 3 == 0).Select(i => $"\"field_{i}\""));
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + required + "],\"additionalProperties\":false,"
            + "\"$defs\":{\"address\":{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"},"
            + "\"zip\":{\"type\":\"string\",\"pattern\":\"^[0-9]{5}$\"},\"next\":{\"anyOf\":[{\"$ref\":\"#/$defs/address\"},{\"type\":\"null\"}]}},"
            + "\"required\":[\"street\",\"city\"]}}}";
    }
}
