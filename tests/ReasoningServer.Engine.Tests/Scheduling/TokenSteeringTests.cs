using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>Forced tokens really enter the sequence: what follows them is what the model says after them.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class TokenSteeringTests(TinyModelFixture fixture)
{
    private static SamplingParameters Greedy => new() { Temperature = 0, LogitBias = NeverStop };

    [Fact]
    public async Task A_forced_sequence_is_published_counted_and_continued_from_as_if_it_were_prompt()
    {
        using var engine = await StartAsync(batchSize: 128);
        var prompt = Prompt("Think about 17 + 25.");
        var forced = fixture.Model.Tokenizer.Tokenize("\n\nI must answer now.\n", addSpecial: false, parseSpecial: false);

        var (steered, summary) = await RunAsync(engine, new GenerationRequest(prompt, Greedy, MaxTokens: 40, Steering: new ForceAfterSteering(5, forced)));

        // Five sampled tokens, the forced ones in place of the sixth, then the model again.
        Assert.Equal(40, steered.Count);
        Assert.Equal(40, summary.GeneratedTokens);
        Assert.Equal(forced.Select(t => t.Value), steered.Skip(5).Take(forced.Length));

        // The same text given as prompt leads to the same continuation: the forced tokens sit in the KV
        // cache at the right positions, and nothing else does.
        LlamaToken[] asPrompt = [.. prompt, .. steered.Take(5 + forced.Length).Select(t => new LlamaToken(t))];
        var rest = 40 - 5 - forced.Length;
        var (reference, _) = await RunAsync(engine, new GenerationRequest(asPrompt, Greedy, MaxTokens: rest));
        Assert.Equal(reference, steered.Skip(5 + forced.Length));
    }

    [Fact]
    public async Task A_forced_sequence_that_runs_past_max_tokens_is_cut_there()
    {
        using var engine = await StartAsync(batchSize: 128);
        var forced = fixture.Model.Tokenizer.Tokenize("abcdefghij", addSpecial: false, parseSpecial: false);

        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(Prompt("Hi"), Greedy, MaxTokens: 6, Steering: new ForceAfterSteering(2, forced)));

        Assert.Equal(6, tokens.Count);
        Assert.Equal(forced.Take(4).Select(t => t.Value), tokens.Skip(2));
        Assert.Equal(FinishReason.MaxTokens, summary.Reason);
    }

    private LlamaToken[] Prompt(string text) => EngineRuns.Prompt(fixture.Model, text);

    private Task<InferenceEngine> StartAsync(int batchSize) =>
        EngineRuns.StartAsync(fixture.Model, new EngineOptions { ContextSize = 1024, Slots = 1, BatchSize = batchSize, Threads = 2 });

    private static async Task<(List<int> Tokens, GenerationSummary Summary)> RunAsync(InferenceEngine engine, GenerationRequest request)
    {
        var (tokens, summary) = await EngineRuns.RunAsync(engine, request);
        return (tokens.ConvertAll(t => t.Value), summary);
    }
}
