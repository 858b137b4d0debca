using System.Text;
using System.Text.Json;
using ReasoningServer.Engine.Grammars;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;
using Xunit.Abstractions;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>
/// The converter's grammars against the real llama.cpp: every documented schema's grammar parses, and text sampled
/// under the grammar from the tiny random-weight model is valid JSON that an independent validator accepts.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class StructuredOutputTests(TinyModelFixture fixture, ITestOutputHelper output)
{
    private const int Seeds = 30;
    private const int TokenCap = 1500;

    public static TheoryData<string> DocumentedSchemas => [.. SchemaCorpus.Documented.Select(entry => entry.Name)];

    public static TheoryData<string> BoundedSchemas => [.. SchemaCorpus.Bounded.Select(entry => entry.Name)];

    [Theory]
    [MemberData(nameof(DocumentedSchemas))]
    public void Llama_cpp_accepts_the_grammar_of_each_documented_schema(string name)
    {
        var schema = SchemaCorpus.Documented.Single(entry => entry.Name == name).Schema;
        var grammar = GrammarFor(schema);
        var sampler = NativeMethods.llama_sampler_init_grammar(fixture.Model.Handle.Vocab, grammar, "root");
        Assert.NotEqual(nint.Zero, sampler);
        NativeMethods.llama_sampler_free(sampler);
    }

    [Theory]
    [MemberData(nameof(BoundedSchemas))]
    public void Every_completed_generation_is_valid_against_its_schema(string name)
    {
        var schema = SchemaCorpus.Bounded.Single(entry => entry.Name == name).Schema;
        var grammar = GrammarFor(schema);
        var completed = 0;
        var capped = 0;
        var problems = new List<string>();
        for (uint seed = 1; seed <= Seeds; seed++)
        {
            var result = GrammarGeneration.Generate(fixture, grammar, seed, TokenCap);
            if (result.Completed)
            {
                completed++;
                if (SchemaValidation.Problem(schema, result.Bytes) is { } problem)
                {
                    problems.Add($"seed {seed}: {problem}\n{Encoding.UTF8.GetString(result.Bytes)}");
                }
            }
            else
            {
                capped++;
                if (!SchemaValidation.IsJsonPrefix(result.Bytes))
                {
                    problems.Add($"seed {seed} (capped): not a JSON prefix\n{Encoding.UTF8.GetString(result.Bytes)}");
                }
            }
        }

        output.WriteLine($"{name}: {completed} completed, {capped} stopped at {TokenCap} tokens");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.True(completed >= Seeds / 2, $"only {completed} of {Seeds} runs finished within {TokenCap} tokens");
    }

    private static string GrammarFor(string schema)
    {
        var builder = new GbnfGrammarBuilder();
        var root = builder.AddJsonSchema(JsonDocument.Parse(schema).RootElement);
        return builder.Build(root);
    }
}
