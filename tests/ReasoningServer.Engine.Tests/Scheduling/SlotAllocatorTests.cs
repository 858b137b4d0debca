using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>Which idle slot a request gets, on a real llama.cpp context.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class SlotAllocatorTests(TinyModelFixture fixture)
{
    private const int SlotCount = 8;

    [Theory]
    [InlineData(false, new[] { 3, 4 }, 2)] // extends the run 3-4 (slot 0, the first empty one, would split it in two)
    [InlineData(false, new[] { 2, 3, 4, 6 }, 5)] // fills the hole between the runs 2-4 and 6
    [InlineData(true, new[] { 3, 4 }, 0)] // one cache for all: sequence ids do not matter, the first empty slot
    public void With_a_cache_per_slot_a_new_request_joins_the_busy_slots(bool unified, int[] busy, int expected)
    {
        using var context = CreateContext(unified);
        var slots = Enumerable.Range(0, SlotCount).Select(i => new Slot(i)).ToArray();
        foreach (var i in busy)
        {
            slots[i].State = SlotState.Generating;
        }

        var allocator = new SlotAllocator(slots, context.DangerousGetHandle(), hostCache: null, hostCacheMinTokens: 0,
            keepBusyContiguous: !unified, new EngineCounters());

        var (slot, cached) = allocator.TakeLeader(EngineRuns.Prompt(fixture.Model, "A prompt no slot holds"));

        Assert.Equal(expected, slot.SequenceId.Value);
        Assert.Equal(0, cached);
    }

    [Fact]
    public void A_slot_holding_the_prompt_prefix_is_taken_wherever_it_is()
    {
        using var context = CreateContext(unified: false);
        var slots = Enumerable.Range(0, SlotCount).Select(i => new Slot(i)).ToArray();
        slots[3].State = SlotState.Generating;
        var prompt = EngineRuns.Prompt(fixture.Model, "A conversation that came back for its next turn");
        slots[7].Tokens.AddRange(prompt[..^1]); // its KV is not really there: TakeLeader only reads the tokens, then trims

        var allocator = new SlotAllocator(slots, context.DangerousGetHandle(), hostCache: null, hostCacheMinTokens: 0,
            keepBusyContiguous: true, new EngineCounters());
        var (slot, cached) = allocator.TakeLeader(prompt);

        Assert.Equal(7, slot.SequenceId.Value);
        Assert.Equal(prompt.Length - 1, cached);
    }

    private SafeLlamaContextHandle CreateContext(bool unified)
    {
        var parameters = NativeMethods.llama_context_default_params();
        parameters.n_ctx = 1024;
        parameters.n_batch = 128;
        parameters.n_ubatch = 128;
        parameters.n_seq_max = SlotCount;
        parameters.n_threads = 1;
        parameters.n_threads_batch = 1;
        parameters.kv_unified = unified ? (byte)1 : (byte)0;
        return SafeLlamaContextHandle.Create(fixture.Model.Handle, parameters);
    }
}
