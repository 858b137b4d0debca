using ReasoningServer.Engine.Caching;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>Slots keep their KV after a request; a prompt that extends what a slot holds evaluates only the rest.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class PrefixCacheTests(TinyModelFixture fixture)
{
    private static readonly SamplingParameters Greedy = new() { Temperature = 0, LogitBias = NeverStop };

    [Fact]
    public async Task The_same_prompt_again_evaluates_only_its_last_token_and_generates_the_same()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 1));
        var prompt = Prompt(fixture.Model, "Tell me about caching.");

        var (first, firstSummary) = await RunAsync(engine, new GenerationRequest(prompt, Greedy, 12));
        var evaluated = engine.Statistics.PromptTokensEvaluated;
        var (second, secondSummary) = await RunAsync(engine, new GenerationRequest(prompt, Greedy, 12));

        Assert.Equal(0, firstSummary.CachedTokens);
        Assert.Equal(prompt.Length - 1, secondSummary.CachedTokens);
        Assert.Equal(1, engine.Statistics.PromptTokensEvaluated - evaluated);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_next_turn_reuses_the_prompt_and_the_generated_tokens_in_the_cache()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 2));
        var turn1 = Prompt(fixture.Model, "First question?");
        var (generated, _) = await RunAsync(engine, new GenerationRequest(turn1, Greedy, 10));

        // The last generated token was never decoded: the cache holds the prompt and all but that one.
        LlamaToken[] turn2 = [.. turn1, .. generated, .. fixture.Model.Tokenizer.Tokenize("<|im_end|>\n<|im_start|>user\nAnd then?<|im_end|>\n<|im_start|>assistant\n", addSpecial: false, parseSpecial: true)];
        var (_, summary) = await RunAsync(engine, new GenerationRequest(turn2, Greedy, 4));

        Assert.Equal(turn1.Length + generated.Count - 1, summary.CachedTokens);
    }

    [Fact]
    public async Task An_evicted_prefix_comes_back_from_host_memory_into_another_sequence()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 2));
        var a = Prompt(fixture.Model, new string('a', 80) + " what now?");
        var (original, _) = await RunAsync(engine, new GenerationRequest(a, Greedy, 16)); // slot 0
        await RunAsync(engine, new GenerationRequest(Prompt(fixture.Model, new string('b', 80)), Greedy, 4)); // the empty slot 1
        await RunAsync(engine, new GenerationRequest(Prompt(fixture.Model, new string('c', 80)), Greedy, 4)); // evicts a from slot 0

        Assert.Equal(1, engine.Statistics.HostCacheSaves);
        Assert.True(engine.Statistics.HostCacheBytes > 0);

        var evaluated = engine.Statistics.PromptTokensEvaluated;
        var (again, summary) = await RunAsync(engine, new GenerationRequest(a, Greedy, 16)); // restored into slot 1

        Assert.Equal(1, engine.Statistics.HostCacheRestores);
        Assert.Equal(a.Length - 1, summary.CachedTokens);
        Assert.Equal(1, engine.Statistics.PromptTokensEvaluated - evaluated);
        Assert.Equal(original, again);
    }

    [Fact]
    public void The_host_cache_finds_the_longest_prefix_and_evicts_the_least_recently_used()
    {
        using var cache = new HostPrefixCache(sizeLimitBytes: 3000, TimeSpan.FromMinutes(5));
        LlamaToken[] Tokens(params int[] ids) => [.. ids.Select(i => new LlamaToken(i))];

        Assert.True(cache.Add(Tokens(1, 2, 3, 4), new byte[1000]));
        Assert.True(cache.Add(Tokens(1, 2, 9), new byte[1000]));
        var (entry, length) = cache.FindLongest(Tokens(1, 2, 3, 4, 5), limit: 10);
        Assert.Equal(4, length);
        Assert.Equal(Tokens(1, 2, 3, 4), entry!.Tokens);

        Assert.True(cache.Add(Tokens(7, 7), new byte[1000])); // needs room: (1,2,9) goes, the lookup above made (1,2,3,4) the most recently used
        Assert.Equal(2, cache.Count);
        Assert.Equal(2, cache.FindLongest(Tokens(1, 2, 9), limit: 10).Length);
        Assert.Equal(3, cache.FindLongest(Tokens(1, 2, 3, 0), limit: 3).Length);
        Assert.False(cache.Add(Tokens(5), new byte[4000])); // larger than the whole cache
    }

    private static EngineOptions Options(int slots) =>
        new() { ContextSize = 1024, Slots = slots, BatchSize = 128, Threads = 2, HostCacheMinTokens = 16 };
}
