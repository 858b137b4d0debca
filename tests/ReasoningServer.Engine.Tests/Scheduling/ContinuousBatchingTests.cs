using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>Several sequences in one context: batched steps, shared prompts for n choices, timeouts, a queue without dead entries.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class ContinuousBatchingTests(TinyModelFixture fixture)
{
    /// <summary>
    /// llama.cpp's batched arithmetic is not bit-identical to single-sequence decoding: a sequence's KV cells sit
    /// at other places of the unified cache and the kernels sum in another order, so logprobs move by about
    /// 1e-3 (measured below). Greedy decoding therefore matches exactly except right after a near tie.
    /// </summary>
    [Fact]
    public async Task Concurrent_sequences_generate_what_each_generates_alone()
    {
        var requests = Requests(new SamplingParameters { Temperature = 0, LogitBias = NeverStop });
        var (alone, together) = await AloneAndTogetherAsync(requests);

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(new GenerationSummary(FinishReason.MaxTokens, requests[i].Prompt.Count, 0, 24), together[i].Summary);
            for (var t = 0; t < 24; t++)
            {
                if (alone[i].Tokens[t].Token != together[i].Tokens[t].Token)
                {
                    var top = alone[i].Tokens[t].Logprob!.TopAlternatives;
                    Assert.True(top[0].Logprob - top[1].Logprob < NearTie, $"sequence {i} differs at token {t} without a near tie");
                    break;
                }
            }
        }
    }

    [Fact]
    public async Task Batched_logprobs_differ_from_single_sequence_ones_only_by_rounding()
    {
        var requests = Requests(new SamplingParameters { Seed = 100, LogitBias = NeverStop });
        var (alone, together) = await AloneAndTogetherAsync(requests);

        var largest = 0.0;
        for (var i = 0; i < requests.Length; i++)
        {
            // Up to the first differing token the two runs saw the same context, so their distributions can be compared.
            for (var t = 0; t < 24 && alone[i].Tokens[t].Token == together[i].Tokens[t].Token; t++)
            {
                largest = Math.Max(largest, Math.Abs(alone[i].Tokens[t].Logprob!.Logprob - together[i].Tokens[t].Logprob!.Logprob));
            }
        }

        Assert.True(largest < NearTie, $"largest logprob difference {largest}");
    }

    [Fact]
    public async Task Choices_share_one_prompt_evaluation_and_sample_like_single_requests()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 4, hostCache: false));
        var prompt = Prompt(fixture.Model, "Give me four different answers.");
        GenerationRequest Choice(int i) => new(prompt, new SamplingParameters { Seed = 7u + (uint)i, LogitBias = NeverStop }, 20);

        var handles = engine.SubmitGroup([.. Enumerable.Range(0, 4).Select(Choice)]);
        var choices = await Task.WhenAll(handles.Select(ReadAsync));

        Assert.Equal(prompt.Length, engine.Statistics.PromptTokensEvaluated);
        Assert.Equal(4, engine.Statistics.Sequences);
        Assert.All(choices, c => Assert.Equal(20, c.Summary.GeneratedTokens));
        Assert.Equal(4, choices.Select(c => string.Join(',', c.Tokens)).Distinct().Count());

        // Each choice is what the same seed gives alone.
        using var fresh = await StartAsync(fixture.Model, Options(slots: 4, hostCache: false));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(choices[i].Tokens, (await RunAsync(fresh, Choice(i))).Tokens);
        }
    }

    [Fact]
    public async Task A_timed_out_sequence_ends_with_what_it_generated()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 1, hostCache: false));
        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(
            Prompt(fixture.Model, "Go on forever"), new SamplingParameters { LogitBias = NeverStop }, 1_000_000, Timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal(FinishReason.TimedOut, summary.Reason);
        Assert.True(tokens.Count > 0);
        Assert.Equal(tokens.Count, summary.GeneratedTokens);
    }

    [Fact]
    public async Task A_request_whose_time_runs_out_in_the_queue_never_starts()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 1, hostCache: false));
        using var busy = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Busy"), new SamplingParameters { LogitBias = NeverStop }, 1_000_000));
        await busy.Tokens.ReadAsync().AsTask().WaitAsync(Patience);

        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(
            Prompt(fixture.Model, "Waiting"), SamplingParameters.Default, 10, Timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Equal(FinishReason.TimedOut, summary.Reason);
        Assert.Empty(tokens);
        Assert.Equal(0, summary.GeneratedTokens);
    }

    [Fact]
    public async Task A_cancelled_sequence_reports_what_it_generated()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 2, hostCache: false));
        var handle = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Go on"), new SamplingParameters { LogitBias = NeverStop }, 1_000_000));
        var read = 0;
        while (read < 5)
        {
            await handle.Tokens.ReadAsync().AsTask().WaitAsync(Patience);
            read++;
        }

        handle.Cancel();
        var (rest, summary) = await ReadAsync(handle);

        Assert.Equal(FinishReason.Cancelled, summary.Reason);
        Assert.Equal(read + rest.Count, summary.GeneratedTokens);
    }

    [Fact]
    public async Task Requests_abandoned_in_the_queue_do_not_hold_its_places()
    {
        using var engine = await StartAsync(fixture.Model, Options(slots: 1, hostCache: false, queueCapacity: 1));
        using var running = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Busy"), new SamplingParameters { LogitBias = NeverStop }, 1_000_000));
        await running.Tokens.ReadAsync().AsTask().WaitAsync(Patience);
        var abandoned = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Wait"), SamplingParameters.Default, 1));
        Assert.Throws<EngineQueueFullException>(() => engine.Submit(new GenerationRequest(Prompt(fixture.Model, "No room"), SamplingParameters.Default, 1)));

        abandoned.Cancel();
        using var next = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Room now"), SamplingParameters.Default, 1));

        Assert.Equal(FinishReason.Cancelled, (await abandoned.Completion.WaitAsync(Patience)).Reason);
        running.Cancel();
        Assert.Equal(1, (await next.Completion.WaitAsync(Patience)).GeneratedTokens);
    }

    [Fact]
    public async Task Two_long_prompts_and_a_short_one_share_the_prefill_steps()
    {
        // 40 prompt tokens per step, three prompts: the short one is done within its first steps, not after the long ones.
        using var engine = await StartAsync(fixture.Model, Options(slots: 3, hostCache: false) with { PrefillTokensPerStep = 40 });
        var sampling = new SamplingParameters { Temperature = 0, LogitBias = NeverStop };
        var longA = engine.Submit(new GenerationRequest(Prompt(fixture.Model, new string('x', 600)), sampling, 1));
        var longB = engine.Submit(new GenerationRequest(Prompt(fixture.Model, new string('y', 600)), sampling, 1));
        // Counted from here: on a busy machine the engine may already have stepped through the long prompts.
        var evaluatedBeforeShort = engine.Statistics.PromptTokensEvaluated;
        var shortOne = engine.Submit(new GenerationRequest(Prompt(fixture.Model, "Hi"), sampling, 1));

        await shortOne.Completion.WaitAsync(Patience);
        var evaluatedWhileShort = engine.Statistics.PromptTokensEvaluated - evaluatedBeforeShort;
        await Task.WhenAll(longA.Completion, longB.Completion).WaitAsync(Patience);

        // The short prompt (about 25 tokens) needs two steps of 40 shared three ways, plus the one in flight when it
        // came and one that was being assembled; prefilling the long ones first would take 1,200.
        Assert.True(evaluatedWhileShort <= 4 * 40, $"{evaluatedWhileShort} prompt tokens were evaluated while the short prompt waited");
    }

    /// <summary>Logprob gap under which batched rounding may flip a greedy choice (differences measured: ~1e-3).</summary>
    private const double NearTie = 0.02;

    private GenerationRequest[] Requests(SamplingParameters sampling) => [.. Enumerable.Range(0, 4).Select(i => new GenerationRequest(
        Prompt(fixture.Model, $"Question number {i}: {new string((char)('a' + i), 10 * i)}"),
        sampling with { Seed = sampling.Seed + (uint)i }, 24, TopLogprobs: 2))];

    /// <summary>Each request alone on a fresh engine, then all together on another; no cached prefixes either way.</summary>
    private async Task<((List<GeneratedToken> Tokens, GenerationSummary Summary)[] Alone, (List<GeneratedToken> Tokens, GenerationSummary Summary)[] Together)> AloneAndTogetherAsync(GenerationRequest[] requests)
    {
        var alone = new List<(List<GeneratedToken>, GenerationSummary)>();
        foreach (var request in requests)
        {
            using var single = await StartAsync(fixture.Model, Options(slots: 4, hostCache: false));
            using var handle = single.Submit(request);
            alone.Add((await handle.Tokens.ReadAllAsync().ToListAsync(), await handle.Completion.WaitAsync(Patience)));
        }

        using var batched = await StartAsync(fixture.Model, Options(slots: 4, hostCache: false));
        var handles = requests.Select(batched.Submit).ToArray();
        var together = await Task.WhenAll(handles.Select(async h => (await h.Tokens.ReadAllAsync().ToListAsync(), await h.Completion.WaitAsync(Patience))));
        return ([.. alone], together);
    }

    private static EngineOptions Options(int slots, bool hostCache, int queueCapacity = 8) => new()
    {
        ContextSize = 2048, Slots = slots, BatchSize = 128, Threads = 2, QueueCapacity = queueCapacity,
        HostCacheBytes = hostCache ? 64L * 1024 * 1024 : 0,
    };
}
