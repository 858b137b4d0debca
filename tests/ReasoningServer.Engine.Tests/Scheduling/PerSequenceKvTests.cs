using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>Without a unified KV cache each slot has its own share of the context (<see cref="EngineOptions.KvUnified"/>).</summary>
[Collection(TinyModelCollection.Name)]
public sealed class PerSequenceKvTests(TinyModelFixture fixture)
{
    private static EngineOptions Options(bool unified) =>
        new() { ContextSize = 4096, Slots = 4, KvUnified = unified, HostCacheBytes = 0 };

    [Fact]
    public async Task Each_slot_gets_its_share_of_the_window_and_ends_there()
    {
        using var engine = await StartAsync(fixture.Model, Options(unified: false));

        Assert.Equal(1024, engine.ContextSize);
        var prompt = Prompt(fixture.Model, "Fill your window");
        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(prompt, new SamplingParameters { LogitBias = NeverStop }, 5000));
        Assert.Equal(FinishReason.ContextFull, summary.Reason);
        Assert.Equal(1024, prompt.Length + tokens.Count);
    }

    [Fact]
    public async Task Choices_copied_across_slots_generate_what_a_unified_cache_generates()
    {
        var prompt = Prompt(fixture.Model, "Give me four different answers.");
        GenerationRequest Choice(int i) => new(prompt, new SamplingParameters { Seed = 11u + (uint)i, LogitBias = NeverStop }, 24);

        async Task<List<string>> RunGroupAsync(bool unified)
        {
            using var engine = await StartAsync(fixture.Model, Options(unified));
            var handles = engine.SubmitGroup([.. Enumerable.Range(0, 4).Select(Choice)]);
            var choices = await Task.WhenAll(handles.Select(ReadAsync));
            return [.. choices.Select(c => string.Join(',', c.Tokens))];
        }

        var separate = await RunGroupAsync(unified: false);
        Assert.Equal(await RunGroupAsync(unified: true), separate);
        Assert.Equal(4, separate.Distinct().Count());
    }
}
