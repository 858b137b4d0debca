namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// Chooses how many CPU threads each decode step runs with, from the step times it measures. Engine thread only;
/// no allocation per step.
/// </summary>
/// <remarks>
/// Why measure rather than fix a number: llama.cpp's workers meet at a spinning barrier after every graph node.
/// On idle cores more threads make a step of many rows (compute-bound) up to N times faster; on cores shared
/// with other work a descheduled worker stalls every barrier, and a 2-thread step measured 20 to 100 times slower
/// than a 1-thread one (bench/RESULTS.md, issue 8). Which holds changes with the machine's load, so steps are
/// grouped by size (1 row, 2-3, 4-7, 8-15, 16 or more, prompt chunks), each group uses the thread count with
/// the lowest recent time per row, and the others are retried now and then — less and less often while they keep losing.
/// The engine times every group with every count before serving (<see cref="CalibrationPlan"/>); those times are a
/// first guess only (the server is still starting beside them: one calibration measured two threads 2x slower
/// than they were once serving), so every count is retried within <c>FirstRetry</c> steps of serving.
/// One-row steps keep one thread, leaving the other core to the HTTP side, while a one-thread step takes less
/// than <see cref="OneRowSharedCoreSeconds"/>; a longer one (a long context, a big model) may take more threads.
/// </remarks>
internal sealed class StepThreadTuner
{
    /// <summary>Prompt rows from which a step counts as prompt evaluation.</summary>
    public const int PromptStepRows = 32;

    private const int Groups = 6;
    private const int PromptGroup = Groups - 1;
    private const double Smoothing = 0.3;
    private const int FirstRetry = 8;
    private const int MaxRetry = 4096;
    private const double RetryBudget = 0.05;

    /// <summary>Times each count is timed at startup; the fastest counts.</summary>
    private const int CalibrationRounds = 2;

    /// <summary>Steps a retry lasts; their median is its time, so one step slowed by something else does not decide it.</summary>
    private const int RetrySteps = 3;

    /// <summary>
    /// One-row steps faster than this with one thread keep one thread. Measured on 2 cores: with the `bench` model's
    /// 2.5 ms steps a second decode thread made the bare engine faster but the served stream slower (0.68 of the
    /// engine against 0.94, bench/RESULTS.md, issue 2) — the step time cannot see the HTTP side's share of the
    /// cores; with 32k tokens of context (10 ms steps) one thread decoded at half llama-server's rate (issue 8),
    /// where that share is small next to the step.
    /// </summary>
    public const double OneRowSharedCoreSeconds = 0.004;

    private readonly int[] _decodeCandidates;
    private readonly int[] _promptCandidates;
    private readonly double[,] _secondsPerRow;
    private readonly int[,] _retryInterval;
    private readonly int[,] _stepsUntilRetry;
    private readonly int[] _retrying; // per group: the candidate being retried, or -1
    private readonly double[,] _retryTimes; // per group: the per-row times of the retry's steps so far
    private readonly int[] _retryTimesCount;
    private int _lastThreads;

    /// <param name="decodeThreads">Fixed threads for decode steps, or 0 to choose among <paramref name="cores"/>-based candidates.</param>
    /// <param name="promptThreads">Fixed threads for prompt steps, or 0 to choose.</param>
    public StepThreadTuner(int decodeThreads, int promptThreads, int cores)
    {
        var automatic = new[] { 1, cores / 2, cores - 1, cores }.Where(n => n >= 1).Distinct().Order().ToArray();
        _decodeCandidates = decodeThreads > 0 ? [decodeThreads] : automatic;
        _promptCandidates = promptThreads > 0 ? [promptThreads] : automatic;
        var most = Math.Max(_decodeCandidates.Length, _promptCandidates.Length);
        _secondsPerRow = new double[Groups, most];
        _retryInterval = new int[Groups, most];
        _stepsUntilRetry = new int[Groups, most];
        _retrying = [.. Enumerable.Repeat(-1, Groups)];
        _retryTimes = new double[Groups, RetrySteps];
        _retryTimesCount = new int[Groups];
        for (var g = 0; g < Groups; g++)
        {
            for (var c = 0; c < most; c++)
            {
                _secondsPerRow[g, c] = double.NaN;
                _retryInterval[g, c] = FirstRetry;
                _stepsUntilRetry[g, c] = 0;
            }
        }
    }

    /// <summary>The step's group and the index of the thread count to use for it.</summary>
    public (int Group, int Candidate) Choose(int rows, int promptRows)
    {
        var group = GroupOf(rows, promptRows);
        var candidates = CandidatesOf(group);
        if (candidates.Length == 1)
        {
            return (group, 0);
        }

        if (OneThreadSuffices(group))
        {
            return (group, 0);
        }

        // Every count is tried once first; then a losing count whose retry is due goes before the best.
        var best = Best(group, candidates.Length);
        for (var c = 0; c < candidates.Length; c++)
        {
            if (double.IsNaN(_secondsPerRow[group, c]))
            {
                return (group, c);
            }
        }

        if (_retrying[group] >= 0)
        {
            return (group, _retrying[group]);
        }

        for (var c = 0; c < candidates.Length; c++)
        {
            if (c != best && --_stepsUntilRetry[group, c] <= 0)
            {
                _retrying[group] = c;
                _retryTimesCount[group] = 0;
                return (group, c);
            }
        }

        return (group, best);
    }

    /// <summary>
    /// The steps to time before serving, <see cref="CalibrationRounds"/> per step-size group and thread count still to
    /// choose between, so that no request pays for the first try of a slow count. Startup only.
    /// </summary>
    /// <param name="maxRows">The most rows one step may hold (the batch size).</param>
    public List<(int Group, int Candidate, int Rows)> CalibrationPlan(int maxRows)
    {
        var plan = new List<(int, int, int)>();
        for (var group = 0; group < Groups; group++)
        {
            var rows = group == PromptGroup ? Math.Min(256, maxRows) : 1 << group;
            if (rows > maxRows || (group == PromptGroup && rows < PromptStepRows))
            {
                continue;
            }

            // Counts alternate over the rounds, so a moment of contention at startup does not land on one count only.
            for (var round = 0; round < CalibrationRounds; round++)
            {
                for (var candidate = 0; CandidatesOf(group).Length > 1 && candidate < CandidatesOf(group).Length; candidate++)
                {
                    plan.Add((group, candidate, rows));
                }
            }
        }

        return plan;
    }

    /// <summary>The count that steps of this size use when no retry is due (for tests and diagnostics; changes nothing).</summary>
    public int Preferred(int rows, int promptRows)
    {
        var group = GroupOf(rows, promptRows);
        var candidates = CandidatesOf(group);
        return OneThreadSuffices(group) ? candidates[0] : candidates[Best(group, candidates.Length)];
    }

    /// <summary>
    /// Calibration's time for a count: the fastest of its rounds, without the back-off of a lost retry, so every
    /// count is retried early in serving. Startup only.
    /// </summary>
    public void RecordCalibration(int group, int candidate, int rows, double seconds)
    {
        var perRow = seconds / Math.Max(1, rows);
        var earlier = _secondsPerRow[group, candidate];
        _secondsPerRow[group, candidate] = double.IsNaN(earlier) ? perRow : Math.Min(earlier, perRow);
        _stepsUntilRetry[group, candidate] = FirstRetry;
    }

    /// <summary>The thread count of a choice.</summary>
    public int Threads(int group, int candidate) => CandidatesOf(group)[candidate];

    /// <summary>Feeds back how long the chosen step took.</summary>
    public void Record(int group, int candidate, int rows, double seconds)
    {
        var candidates = CandidatesOf(group);
        if (candidates.Length == 1)
        {
            return;
        }

        var perRow = seconds / Math.Max(1, rows);
        var switched = candidates[candidate] != _lastThreads;
        _lastThreads = candidates[candidate];
        if (_retrying[group] == candidate)
        {
            _retryTimes[group, _retryTimesCount[group]++] = perRow;
            if (_retryTimesCount[group] < RetrySteps)
            {
                return;
            }

            _retrying[group] = -1;
            perRow = MedianOfRetry(group);
        }

        var previous = _secondsPerRow[group, candidate];
        // The count in use is smoothed over its steps; a retried one takes the fresh time as it is, since its old
        // figure is from another state of the machine (so it wins back at the first retry once it is faster).
        var inUse = (candidate == Best(group, candidates.Length) || OneThreadSuffices(group)) && !double.IsNaN(previous);
        if (inUse && switched)
        {
            return; // the first step after a change of count also pays for waking or parking workers
        }

        _secondsPerRow[group, candidate] = inUse ? previous + (Smoothing * (perRow - previous)) : perRow;
        var best = Best(group, candidates.Length);
        for (var c = 0; c < candidates.Length; c++)
        {
            if (c == best)
            {
                _retryInterval[group, c] = FirstRetry;
            }
            else if (c == candidate)
            {
                // It was retried and still loses: wait at least twice as long before the next try, and long enough
                // that retries cost at most RetryBudget of the time: a retry's RetrySteps steps each lose `loss` of a
                // step (a 2x slower count is retried every ~60 steps, a 16x slower one every ~900).
                var loss = (perRow - _secondsPerRow[group, best]) / _secondsPerRow[group, best];
                _retryInterval[group, c] = (int)Math.Min(MaxRetry, Math.Max(_retryInterval[group, c] * 2, RetrySteps * loss / RetryBudget));
                _stepsUntilRetry[group, c] = _retryInterval[group, c];
            }
            else if (_stepsUntilRetry[group, c] <= 0)
            {
                _stepsUntilRetry[group, c] = _retryInterval[group, c];
            }
        }
    }

    /// <summary>The median of a finished retry's <see cref="RetrySteps"/> (three) step times.</summary>
    private double MedianOfRetry(int group)
    {
        double a = _retryTimes[group, 0], b = _retryTimes[group, 1], c = _retryTimes[group, 2];
        return Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
    }

    /// <summary>A one-row step short enough with one thread (measured) to leave the other cores to the HTTP side.</summary>
    private bool OneThreadSuffices(int group) =>
        group == 0 && _decodeCandidates[0] == 1 && _secondsPerRow[0, 0] < OneRowSharedCoreSeconds;

    private static int GroupOf(int rows, int promptRows) => promptRows >= PromptStepRows
        ? PromptGroup
        : Math.Min(PromptGroup - 1, 31 - int.LeadingZeroCount(Math.Max(1, rows)));

    private int[] CandidatesOf(int group) => group == PromptGroup ? _promptCandidates : _decodeCandidates;

    /// <summary>The measured count with the lowest time per row (unmeasured ones count as worst).</summary>
    private int Best(int group, int count)
    {
        var best = 0;
        for (var c = 1; c < count; c++)
        {
            var time = _secondsPerRow[group, c];
            var bestTime = _secondsPerRow[group, best];
            if (!double.IsNaN(time) && (double.IsNaN(bestTime) || time < bestTime))
            {
                best = c;
            }
        }

        return best;
    }
}
