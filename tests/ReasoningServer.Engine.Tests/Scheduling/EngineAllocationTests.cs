using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>
/// The engine thread's per-token path (batch, decode, sample, publish) allocates nothing: garbage made there
/// would pause every sequence at once. Measured in bytes on the engine thread itself, never in time.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class EngineAllocationTests(TinyModelFixture fixture)
{
    private const int Tokens = 256;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Decode_steps_allocate_nothing_on_the_engine_thread(int sequences)
    {
        // One engine thread leaves the other core to the readers: with two, llama.cpp's workers hold both cores, the
        // readers lag, and their token queues grow (an allocation per doubling of a backlog, not the engine's).
        using var engine = await StartAsync(fixture.Model, new EngineOptions { ContextSize = 4096, Slots = 4, Threads = 1, BatchThreads = 1 });
        var readings = new long[4 * Tokens];
        var steps = 0;
        engine.AfterStep = () =>
        {
            if (steps < readings.Length)
            {
                readings[steps++] = GC.GetAllocatedBytesForCurrentThread();
            }
        };

        var handles = Enumerable.Range(0, sequences).Select(i => engine.Submit(new GenerationRequest(
            Prompt(fixture.Model, $"Count {i}"), new SamplingParameters { Temperature = 0, LogitBias = NeverStop }, Tokens))).ToList();
        // Readers that keep up (a thread each, polling), so the token queues never grow: a queue's growth is an
        // allocation per doubling of a lagging reader's backlog, not per token.
        var readers = handles.Select(handle => new Thread(() =>
        {
            while (!handle.Tokens.Completion.IsCompleted)
            {
                while (handle.Tokens.TryRead(out _))
                {
                }

                Thread.Yield();
            }
        })).ToList();
        readers.ForEach(reader => reader.Start());
        readers.ForEach(reader => reader.Join(Patience));

        // Steps 16 to 240: every prompt is in, no sequence is starting or finishing (those allocate once per request).
        // Counted in steps, not bytes: a reader descheduled by other tests on the same cores makes its token queue grow,
        // in the writer's step, once per doubling of its backlog (a CI run once saw 19.7 bytes a step on average, over
        // the old 16-byte bound); an allocation per token, or every few tokens, shows in most steps or many of them.
        var allocating = Enumerable.Range(16, 224).Count(step => readings[step + 1] > readings[step]);
        Assert.True(allocating <= (2 * sequences) + 1,
            $"{allocating} of 224 decode steps of {sequences} sequence(s) allocated, {(readings[240] - readings[16]) / 224.0:0.0} bytes a step");
        foreach (var handle in handles)
        {
            handle.Dispose();
        }
    }
}
