using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>The engine thread driving the real llama.cpp context with the tiny model.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class InferenceEngineTests(TinyModelFixture fixture)
{
    [Fact]
    public async Task Greedy_generation_is_deterministic_and_stops_at_max_tokens()
    {
        using var engine = await StartAsync();
        var request = new GenerationRequest(Prompt("Hello"), new SamplingParameters { Temperature = 0, LogitBias = NeverStop }, MaxTokens: 20);

        var (first, firstSummary) = await RunAsync(engine, request);
        var (second, _) = await RunAsync(engine, request);

        Assert.Equal(20, first.Count);
        Assert.Equal(first, second);
        Assert.Equal(new GenerationSummary(FinishReason.MaxTokens, request.Prompt.Count, 0, 20), firstSummary);
    }

    [Fact]
    public async Task Seeds_reproduce_and_differ()
    {
        using var engine = await StartAsync();
        GenerationRequest Seeded(uint seed) => new(Prompt("Hello"), new SamplingParameters { Seed = seed, LogitBias = NeverStop }, 30);

        var (a, _) = await RunAsync(engine, Seeded(1));
        var (again, _) = await RunAsync(engine, Seeded(1));
        var (b, _) = await RunAsync(engine, Seeded(2));

        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task End_of_generation_token_is_published_and_ends_the_sequence()
    {
        using var engine = await StartAsync();
        var forceEnd = new Dictionary<LlamaToken, float> { [new LlamaToken(ByteLevelBpeVocabulary.ImEndId)] = 100 };

        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(Prompt("Hi"), new SamplingParameters { LogitBias = forceEnd }, 50));

        Assert.Equal([ByteLevelBpeVocabulary.ImEndId], tokens);
        Assert.Equal(FinishReason.EndOfGeneration, summary.Reason);
        Assert.Equal(1, summary.GeneratedTokens);
    }

    [Fact]
    public async Task Logprobs_are_those_of_the_raw_distribution()
    {
        using var engine = await StartAsync();
        var handle = engine.Submit(new GenerationRequest(Prompt("Hi"), new SamplingParameters { Temperature = 0, LogitBias = NeverStop }, 5, TopLogprobs: 4));

        var generated = await handle.Tokens.ReadAllAsync().ToListAsync();
        await handle.Completion.WaitAsync(Patience);

        Assert.Equal(5, generated.Count);
        Assert.All(generated, token =>
        {
            var logprob = token.Logprob!;
            Assert.Equal(4, logprob.TopAlternatives.Count);
            Assert.True(logprob.TopAlternatives.Zip(logprob.TopAlternatives.Skip(1)).All(p => p.First.Logprob >= p.Second.Logprob));
            Assert.True(logprob.Logprob <= 0);
            // Greedy picks the most likely token, which is then also the first alternative.
            Assert.Equal(token.Token, logprob.TopAlternatives[0].Token);
        });
    }

    [Fact]
    public async Task Cancelling_frees_the_slot_for_the_next_request()
    {
        using var engine = await StartAsync();
        var endless = engine.Submit(new GenerationRequest(Prompt("Go on"), new SamplingParameters { LogitBias = NeverStop }, 100_000));
        for (var i = 0; i < 3; i++)
        {
            await endless.Tokens.ReadAsync().AsTask().WaitAsync(Patience);
        }

        endless.Dispose();
        var summary = await endless.Completion.WaitAsync(Patience);
        Assert.Equal(FinishReason.Cancelled, summary.Reason);
        Assert.True(summary.GeneratedTokens < 100_000);

        var (tokens, next) = await RunAsync(engine, new GenerationRequest(Prompt("Next"), new SamplingParameters { LogitBias = NeverStop }, 4));
        Assert.Equal(FinishReason.MaxTokens, next.Reason);
        Assert.Equal(4, tokens.Count);
    }

    [Fact]
    public async Task A_full_queue_refuses_instead_of_waiting()
    {
        using var engine = await StartAsync(queueCapacity: 1);
        using var running = engine.Submit(new GenerationRequest(Prompt("Go on"), new SamplingParameters { LogitBias = NeverStop }, 100_000));
        await running.Tokens.ReadAsync().AsTask().WaitAsync(Patience); // the single slot is now busy
        using var waiting = engine.Submit(new GenerationRequest(Prompt("Wait"), SamplingParameters.Default, 1));

        Assert.Throws<EngineQueueFullException>(() => engine.Submit(new GenerationRequest(Prompt("No room"), SamplingParameters.Default, 1)));
    }

    [Fact]
    public async Task A_stopped_engine_refuses_and_finishes_what_it_held()
    {
        var engine = await StartAsync();
        var running = engine.Submit(new GenerationRequest(Prompt("Go on"), new SamplingParameters { LogitBias = NeverStop }, 100_000));
        await running.Tokens.ReadAsync().AsTask().WaitAsync(Patience);

        engine.Dispose();

        Assert.Equal(FinishReason.Cancelled, (await running.Completion.WaitAsync(Patience)).Reason);
        Assert.Throws<EngineUnavailableException>(() => engine.Submit(new GenerationRequest(Prompt("Late"), SamplingParameters.Default, 1)));
    }

    [Fact]
    public async Task Generation_that_fills_the_window_ends_with_context_full()
    {
        using var engine = await StartAsync(contextSize: 256);
        var prompt = Prompt(new string('x', 200));

        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(prompt, new SamplingParameters { LogitBias = NeverStop }, 10_000));

        Assert.Equal(FinishReason.ContextFull, summary.Reason);
        Assert.Equal(256 - prompt.Length, tokens.Count);
    }

    private LlamaToken[] Prompt(string text) => EngineRuns.Prompt(fixture.Model, text);

    private Task<InferenceEngine> StartAsync(int contextSize = 1024, int queueCapacity = 8) =>
        EngineRuns.StartAsync(fixture.Model, new EngineOptions { ContextSize = contextSize, Slots = 1, BatchSize = 128, Threads = 2, QueueCapacity = queueCapacity });

    /// <summary>The tokens as plain ids, which the assertions here compare with the vocabulary's constants.</summary>
    private static async Task<(List<int> Tokens, GenerationSummary Summary)> RunAsync(InferenceEngine engine, GenerationRequest request)
    {
        var (tokens, summary) = await EngineRuns.RunAsync(engine, request);
        return (tokens.ConvertAll(t => t.Value), summary);
    }
}
