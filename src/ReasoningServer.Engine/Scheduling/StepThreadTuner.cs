using ReasoningServer.Engine.Loading;

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
/// the lowest recent time per unit of work, and the others are retried now and then — less and less often while they
/// keep losing, and at once when the in-use count's time or its steps' work per row moves 2x (its rivals' figures are then stale). A row's work is one plus its attention over its context (<see cref="LoadedModel.RowWork"/>):
/// per row, the steps of a long prompt's last chunk cost several times its first's, and comparing counts timed at
/// different points of a prompt must not favour the one timed early.
/// The engine times every decode step size with every count before serving (<see cref="CalibrationPlan"/>); those
/// times are a first guess only (the server is still starting beside them: one calibration measured two threads 2x
/// slower than they were once serving), so every count is retried within <c>FirstRetry</c> steps of serving. Prompt
/// steps start on every core and try fewer (for one step: they are long) at their first retry.
/// One-row steps are no exception: a handicap for extra threads there (the other core "serving the HTTP side")
/// measured backwards with a light client — one served stream of the `bench` model decoded 1.1-1.7x faster on two
/// threads than on one (bench/RESULTS.md, issue 8; a busy client on the same two cores tips it the other way).
/// </remarks>
internal sealed class StepThreadTuner
{
    /// <summary>Prompt rows from which a step counts as prompt evaluation.</summary>
    public const int PromptStepRows = 32;

    private const int Groups = 6;
    private const int PromptGroup = Groups - 1;

    /// <summary>How much of its weight the in-use estimate keeps per step: with steps of equal work, a moving average of weight 0.3.</summary>
    private const double Decay = 0.7;
    private const int FirstRetry = 8;
    private const int MaxRetry = 4096;
    private const double RetryBudget = 0.05;

    /// <summary>Times each count is timed at startup; the fastest counts.</summary>
    private const int CalibrationRounds = 2;

    /// <summary>
    /// The most one step may weigh into the in-use count's average, as a multiple of that average: a step slowed by
    /// something else (2.7x, once, in a served stream) moved the average past the losing count's and one stream decoded
    /// on one thread for 50 steps. A lasting slowdown still moves it, by up to 15 % a step (0.7 + 0.3 x 1.5): past a
    /// count 1.5x slower in three steps. A step of another kind (its work per row 2x off the estimate's: one row after
    /// a long prompt) is not capped: its time is news, not noise — capped, the `test` model decoded four steps after an
    /// 8k prompt on the count that had won at an empty context, at twice the time a step.
    /// </summary>
    private const double SpikeCap = 1.5;

    private readonly int[] _decodeCandidates;
    private readonly int[] _promptCandidates;
    private readonly double[,] _secondsPerWork;
    private readonly double[,] _workWeight; // the (decayed) work behind each estimate
    private readonly double[,] _rowWork; // the work per row of the steps behind each estimate, weighted like them
    private readonly double[] _reference; // per group: the in-use estimate when the other counts were last timed
    private readonly int[,] _retryInterval;
    private readonly int[,] _stepsUntilRetry;
    private readonly int[] _retrying; // per group: the candidate being retried, or -1
    private readonly double[,] _retryTimes; // per group: the times per unit of work of the retry's steps so far
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
        _secondsPerWork = new double[Groups, most];
        _workWeight = new double[Groups, most];
        _rowWork = new double[Groups, most];
        _reference = [.. Enumerable.Repeat(double.NaN, Groups)];
        _retryInterval = new int[Groups, most];
        _stepsUntilRetry = new int[Groups, most];
        _retrying = [.. Enumerable.Repeat(-1, Groups)];
        _retryTimes = new double[Groups, StepGroupPolicy.Decode.RetrySteps];
        _retryTimesCount = new int[Groups];
        for (var g = 0; g < Groups; g++)
        {
            for (var c = 0; c < most; c++)
            {
                _secondsPerWork[g, c] = double.NaN;
                _rowWork[g, c] = double.NaN;
                _retryInterval[g, c] = FirstRetry;
                _stepsUntilRetry[g, c] = FirstRetry;
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

        // A losing (or not yet measured) count whose retry is due goes before the best.
        var best = Best(group, candidates.Length);
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
    /// The steps to time before serving, <see cref="CalibrationRounds"/> per decode step size and thread count still
    /// to choose between, so that no stream pays for the first try of a slow count. Startup only. Prompt steps are
    /// not calibrated: no startup step stands for them (a 256-row step at an empty context picked one thread for
    /// the `test` model, whose 2048-row steps at 8k of context then ran 1.7x slower than on two), and a big model's
    /// would take seconds each; they start on every core, as llama.cpp does, and retry fewer like any other step.
    /// </summary>
    /// <param name="maxRows">The most rows one step may hold (the batch size).</param>
    public List<(int Group, int Candidate, int Rows)> CalibrationPlan(int maxRows)
    {
        var plan = new List<(int, int, int)>();
        for (var group = 0; group < PromptGroup; group++)
        {
            var rows = 1 << group;
            if (rows > maxRows)
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
        return candidates[Best(group, candidates.Length)];
    }

    /// <summary>
    /// Calibration's time for a count: the fastest of its rounds, without the back-off of a lost retry, so every
    /// count is retried early in serving. Startup only.
    /// </summary>
    /// <param name="work">The step's rows weighted by their context, as in <see cref="Record"/>.</param>
    public void RecordCalibration(int group, int candidate, double work, double seconds)
    {
        var perWork = seconds / Math.Max(1, work);
        var earlier = _secondsPerWork[group, candidate];
        _secondsPerWork[group, candidate] = double.IsNaN(earlier) ? perWork : Math.Min(earlier, perWork);
        _workWeight[group, candidate] = work;
        _rowWork[group, candidate] = work / (1 << group); // CalibrationPlan's steps: 1 << group rows
        _stepsUntilRetry[group, candidate] = FirstRetry;
    }

    /// <summary>The thread count of a choice.</summary>
    public int Threads(int group, int candidate) => CandidatesOf(group)[candidate];

    /// <summary>Feeds back how long the chosen step took.</summary>
    /// <param name="rows">The step's rows.</param>
    /// <param name="work">The step's rows, each weighted by <see cref="LoadedModel.RowWork"/>.</param>
    public void Record(int group, int candidate, int rows, double work, double seconds)
    {
        var candidates = CandidatesOf(group);
        if (candidates.Length == 1)
        {
            return;
        }

        var perWork = seconds / Math.Max(1, work);
        var switched = candidates[candidate] != _lastThreads;
        _lastThreads = candidates[candidate];
        if (_retrying[group] == candidate)
        {
            _retryTimes[group, _retryTimesCount[group]++] = perWork;
            if (_retryTimesCount[group] < PolicyOf(group).RetrySteps)
            {
                return;
            }

            _retrying[group] = -1;
            perWork = MedianOfRetry(group);
        }

        var previous = _secondsPerWork[group, candidate];
        // The count in use averages its recent steps, each weighted by its work (a 32-row prompt step, mostly fixed
        // costs, must not outweigh a 2048-row one); a retried one takes the fresh time as it is, since its old figure
        // is from another state of the machine (so it wins back at the first retry once it is faster).
        var inUse = candidate == Best(group, candidates.Length) && !double.IsNaN(previous);
        if (inUse && switched)
        {
            return; // the first step after a change of count also pays for waking or parking workers
        }

        var rowWork = work / Math.Max(1, rows);
        if (inUse)
        {
            var kept = _workWeight[group, candidate] * Decay;
            var sameKind = !PolicyOf(group).TellsKindsApart || SameKind(rowWork, _rowWork[group, candidate]);
            if (sameKind)
            {
                perWork = Math.Min(perWork, previous * SpikeCap);
            }

            _workWeight[group, candidate] = kept + work;
            _secondsPerWork[group, candidate] = ((previous * kept) + (perWork * work)) / (kept + work);
            _rowWork[group, candidate] = ((_rowWork[group, candidate] * kept) + (rowWork * work)) / (kept + work);
            if (sameKind)
            {
                RetryOthersIfStale(group, candidate, previous);
            }
            else
            {
                RetryOthersNow(group, candidate, rowWork);
            }
        }
        else
        {
            _secondsPerWork[group, candidate] = perWork;
            _workWeight[group, candidate] = work;
            _rowWork[group, candidate] = rowWork;
            _reference[group] = _secondsPerWork[group, Best(group, candidates.Length)];
        }

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
                // that retries cost at most RetryBudget of the time: a retry's steps (StepGroupPolicy.RetrySteps) each lose `loss` of a
                // step (a 2x slower count is retried every ~60 steps, a 16x slower one every ~900).
                var loss = (perWork - _secondsPerWork[group, best]) / _secondsPerWork[group, best];
                _retryInterval[group, c] = (int)Math.Min(MaxRetry, Math.Max(_retryInterval[group, c] * 2, PolicyOf(group).RetrySteps * loss / RetryBudget));
                _stepsUntilRetry[group, c] = _retryInterval[group, c];
            }
            else if (_stepsUntilRetry[group, c] <= 0)
            {
                _stepsUntilRetry[group, c] = _retryInterval[group, c];
            }
        }
    }

    /// <summary>
    /// When the in-use count's time per unit of work has moved by its group's <see cref="StepGroupPolicy.StaleFactor"/> since the others were timed,
    /// their figures describe another kind of step (one row at an empty context is mostly fixed costs, one row at 32k
    /// mostly attention): they are retried at once instead of after their back-off.
    /// </summary>
    private void RetryOthersIfStale(int group, int inUse, double previous)
    {
        if (double.IsNaN(_reference[group]))
        {
            _reference[group] = previous;
        }

        var ratio = _secondsPerWork[group, inUse] / _reference[group];
        var factor = PolicyOf(group).StaleFactor;
        if (ratio > 1 / factor && ratio < factor)
        {
            return;
        }

        RetryOthersNow(group, inUse);
    }

    /// <param name="rowWork">The step's work per row when it is a step of another kind: counts already timed on such steps are not retried.</param>
    private void RetryOthersNow(int group, int inUse, double rowWork = double.NaN)
    {
        _reference[group] = _secondsPerWork[group, inUse];
        for (var c = 0; c < CandidatesOf(group).Length; c++)
        {
            if (c != inUse && !SameKind(rowWork, _rowWork[group, c]))
            {
                _retryInterval[group, c] = FirstRetry;
                _stepsUntilRetry[group, c] = 1;
            }
        }
    }

    /// <summary>The median of a finished retry's step times: a decode retry's three, or a prompt step's one.</summary>
    private double MedianOfRetry(int group)
    {
        double a = _retryTimes[group, 0];
        if (PolicyOf(group).RetrySteps == 1)
        {
            return a;
        }

        double b = _retryTimes[group, 1], c = _retryTimes[group, 2];
        return Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
    }

    /// <summary>Whether decode steps of these works per row are of one kind (NaN, unknown, is of none).</summary>
    private static bool SameKind(double rowWork, double other)
    {
        var ratio = rowWork / other;
        return ratio > 1 / StepGroupPolicy.Decode.StaleFactor && ratio < StepGroupPolicy.Decode.StaleFactor;
    }

    private static StepGroupPolicy PolicyOf(int group) => group == PromptGroup ? StepGroupPolicy.Prompt : StepGroupPolicy.Decode;

    private static int GroupOf(int rows, int promptRows) => promptRows >= PromptStepRows
        ? PromptGroup
        : Math.Min(PromptGroup - 1, 31 - int.LeadingZeroCount(Math.Max(1, rows)));

    private int[] CandidatesOf(int group) => group == PromptGroup ? _promptCandidates : _decodeCandidates;

    /// <summary>
    /// The measured count with the lowest time per unit of work (unmeasured ones count as worst; with none measured,
    /// the most threads).
    /// </summary>
    private int Best(int group, int count)
    {
        var best = -1;
        for (var c = 0; c < count; c++)
        {
            var time = _secondsPerWork[group, c];
            if (!double.IsNaN(time) && (best < 0 || time < _secondsPerWork[group, best]))
            {
                best = c;
            }
        }

        return best < 0 ? count - 1 : best;
    }
}
