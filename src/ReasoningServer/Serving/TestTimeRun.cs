using System.Text.RegularExpressions;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.TestTime;

namespace ReasoningServer.Serving;

/// <summary>
/// Runs the samples of a test-time request — the choices of one <see cref="CompletionRun"/>, so they share the
/// prompt's KV and run in one batch — and turns them into one choice. With early stopping (adaptive consistency)
/// only the samples that could decide the vote if they agreed are started; every finished sample re-counts it and
/// starts more only while it stays open, and once the unfinished ones could no longer change it they are
/// cancelled: the engine frees the running ones' sequences, the others never start. Because the server, not the
/// engine's timing, decides when a sample starts, how many run depends only on the samples' answers.
/// Cancelled samples' tokens up to then still count in usage.
/// </summary>
internal sealed class TestTimeRun
{
    private readonly CompletionRun _run;
    private readonly TestTimePlan _plan;
    private readonly ChoiceAccumulator[] _samples;
    private readonly SampleOutcome?[] _outcomes;
    private bool _earlyStopped;

    private TestTimeRun(CompletionRun run, TestTimePlan plan)
    {
        _run = run;
        _plan = plan;
        _samples = [.. Enumerable.Range(0, plan.Samples).Select(_ => new ChoiceAccumulator())];
        _outcomes = new SampleOutcome?[plan.Samples];
    }

    /// <summary>How many samples a request starts with: all, or with early stopping the fewest that could decide the vote.</summary>
    public static int FirstLaunch(TestTimePlan plan) => plan.EarlyStop
        ? MajorityVote.SamplesToLaunch(MajorityVote.Tally([]), running: 0, notStarted: plan.Samples)
        : plan.Samples;

    /// <summary>Reads every sample to its end (cancelled ones included, so usage is complete) and decides.</summary>
    /// <param name="sampleFinished">Called as each sample ends, with its outcome (progress for a stream); may be null.</param>
    public static async Task<TestTimeOutcome> RunAsync(
        CompletionRun run, CompletionJob job, Func<SampleOutcome, Task>? sampleFinished, CancellationToken cancellationToken)
    {
        var testTime = new TestTimeRun(run, job.TestTime!);
        await foreach (var item in run.ReadAllAsync(cancellationToken))
        {
            testTime._samples[item.Index].Add(item);
            if (item.FinishReason is not null && !testTime.Cancelled(item.Index))
            {
                var outcome = testTime.Finished(item.Index);
                if (sampleFinished is not null)
                {
                    await sampleFinished(outcome);
                }
            }
        }

        return testTime.Decide();
    }

    private SampleOutcome Finished(int index)
    {
        var sample = _samples[index];
        var outcome = new SampleOutcome(index, _plan.Extractor.Extract(sample.Content), MeanLogprob(sample), Verified(sample.Content));
        _outcomes[index] = outcome;
        if (_plan.EarlyStop && !_earlyStopped)
        {
            var unfinished = _outcomes.Count(o => o is null);
            var tally = MajorityVote.Tally(_outcomes.OfType<SampleOutcome>());
            if (unfinished > 0 && !MajorityVote.IsDecided(tally, unfinished))
            {
                var notStarted = _run.NotStarted;
                _run.Launch(MajorityVote.SamplesToLaunch(tally, running: unfinished - notStarted, notStarted));
            }
            else if (unfinished > 0)
            {
                _earlyStopped = true;
                for (var i = 0; i < _outcomes.Length; i++)
                {
                    if (Cancelled(i))
                    {
                        _run.Cancel(i);
                    }
                }
            }
        }

        return outcome;
    }

    /// <summary>Unfinished when the vote was decided early: whatever it still sends does not count.</summary>
    private bool Cancelled(int index) => _earlyStopped && _outcomes[index] is null;

    private TestTimeOutcome Decide()
    {
        var finished = _outcomes.OfType<SampleOutcome>().ToList();
        var tally = MajorityVote.Tally(finished);
        var chosen = _plan.Strategy == TestTimeStrategy.SelfConsistency
            ? tally.Representative
            : BestOfNSelection.Best(finished);
        // No sample to stand for the result (nothing extracted): the lowest-index finished one is returned.
        var winnerIndex = chosen?.Index ?? finished.Select(o => o.Index).DefaultIfEmpty(0).Min();
        var winner = _plan.Strategy == TestTimeStrategy.SelfConsistency ? tally.Winner : chosen?.Answer;

        var report = new TestTimeResultDto
        {
            Strategy = _plan.StrategyName,
            SamplesRequested = _plan.Samples,
            SamplesRun = Enumerable.Range(0, _plan.Samples).Count(i => _run.Tokens(i) is var (r, a) && r + a > 0),
            Votes = tally.Votes.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
            Agreement = Math.Round(tally.Agreement, 6),
            Winner = winner,
            WinnerIndex = winnerIndex,
            EarlyStopped = _earlyStopped,
            Samples = [.. Enumerable.Range(0, _plan.Samples).Select(Describe)],
        };
        return new TestTimeOutcome(_samples[winnerIndex], report);
    }

    private TestTimeSampleDto Describe(int index)
    {
        var (reasoning, answer) = _run.Tokens(index);
        var outcome = _outcomes[index];
        return new TestTimeSampleDto
        {
            Index = index,
            FinishReason = Cancelled(index) ? "cancelled" : _samples[index].FinishReason,
            ReasoningTokens = reasoning,
            CompletionTokens = reasoning + answer,
            Answer = outcome?.Answer,
            Score = outcome?.Score,
            Verified = outcome?.Verified,
        };
    }

    private static double? MeanLogprob(ChoiceAccumulator sample) =>
        sample.Logprobs.Count == 0 ? null : Math.Round(sample.Logprobs.Average(l => (double)l.Logprob), 6);

    private bool? Verified(string content)
    {
        if (_plan.Verifier is not { } verifier)
        {
            return null;
        }

        try
        {
            return verifier.IsMatch(content);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
