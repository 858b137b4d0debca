using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>
/// A reader that falls behind pauses its own sequence at <see cref="EngineOptions.MaxUnreadTokens"/>: the others go
/// on, nothing grows without bound, and a paused sequence still ends on its deadline or its cancellation.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class ReaderBackpressureTests(TinyModelFixture fixture)
{
    private const int Bound = 8;

    [Fact]
    public async Task A_stalled_reader_pauses_only_its_own_sequence_while_another_completes()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 2));
        var sampling = new SamplingParameters { Temperature = 0, LogitBias = NeverStop };
        using var stalled = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Nobody reads me"), sampling, 200));

        // The other sequence generates 20 times the bound while the first one's reader takes nothing.
        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(Prompt(fixture.Model, "I am read"), sampling, 20 * Bound));
        Assert.Equal(FinishReason.MaxTokens, summary.Reason);
        Assert.Equal(20 * Bound, tokens.Count);

        await WaitForAsync(() => engine.Statistics.PausedSequences == 1);
        Assert.Equal(Bound, stalled.Unread);
        Assert.False(stalled.Completion.IsCompleted);
        Assert.Equal(1, engine.Statistics.ActiveSequences);

        // Reading resumes it; however the reader and the engine interleave, no more than the bound is ever waiting.
        var read = 0;
        var mostWaiting = 0;
        await foreach (var _ in stalled.Tokens.ReadAllAsync())
        {
            read++;
            mostWaiting = Math.Max(mostWaiting, stalled.Unread);
        }

        Assert.Equal(200, read);
        Assert.InRange(mostWaiting, 0, Bound);
        Assert.Equal(new GenerationSummary(FinishReason.MaxTokens, stalled.Request.Prompt.Count, 0, 200), await stalled.Completion.WaitAsync(Patience));
        Assert.True(engine.Statistics.Pauses >= 1);

        // Both released: no busy slot holds KV, and llama.cpp's memory holds exactly what the slots account for.
        await WaitForAsync(() => engine.Statistics.ActiveSequences == 0);
        var statistics = engine.Statistics;
        Assert.Equal((0, 0, 0L), (statistics.ActiveSequences, statistics.PausedSequences, statistics.BusyKvTokens));
        Assert.Equal(statistics.KvCacheTokens, statistics.MemoryPositions);
    }

    [Fact]
    public async Task A_paused_sequence_still_ends_at_its_deadline_with_what_it_generated()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 1));
        // Long enough to reach the bound on busy cores; the pause then outlasts it.
        using var handle = engine.Submit(new GenerationRequest(
            Prompt(fixture.Model, "Go on"), new SamplingParameters { LogitBias = NeverStop }, 100_000, Timeout: TimeSpan.FromSeconds(5)));
        await WaitForAsync(() => engine.Statistics.PausedSequences == 1);

        var summary = await handle.Completion.WaitAsync(Patience);

        Assert.Equal(FinishReason.TimedOut, summary.Reason);
        Assert.Equal(Bound, summary.GeneratedTokens);
        Assert.Equal(Bound, (await handle.Tokens.ReadAllAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task Cancelling_a_paused_sequence_frees_its_slot()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 1));
        var paused = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Go on"), new SamplingParameters { LogitBias = NeverStop }, 100_000));
        await WaitForAsync(() => engine.Statistics.PausedSequences == 1);

        paused.Dispose();

        Assert.Equal(new GenerationSummary(FinishReason.Cancelled, paused.Request.Prompt.Count, 0, Bound), await paused.Completion.WaitAsync(Patience));
        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(Prompt(fixture.Model, "Next"), SamplingParameters.Default with { LogitBias = NeverStop }, 3));
        Assert.Equal((3, FinishReason.MaxTokens), (tokens.Count, summary.Reason));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the engine never got there");
            await Task.Delay(10);
        }
    }

    private static EngineOptions Options(int slots) => new()
    {
        ContextSize = 2048, Slots = slots, BatchSize = 128, Threads = 2, QueueCapacity = 4, HostCacheBytes = 0, MaxUnreadTokens = Bound,
    };
}
