namespace ReasoningServer.Engine.Scheduling;

/// <summary>How <see cref="StepThreadTuner"/> times the steps of one group: decode steps and prompt steps differ.</summary>
/// <param name="RetrySteps">Steps a retry lasts; their median is its time, so one step slowed by something else does not decide it.</param>
/// <param name="StaleFactor">How far the in-use count's time per unit of work may move before the other counts' figures count as stale.</param>
/// <param name="TellsKindsApart">
/// Whether a step whose work per row is <paramref name="StaleFactor"/> off its count's estimate is of another kind: not
/// capped as a spike, and the counts not yet timed on such steps are retried at once.
/// </param>
internal sealed record StepGroupPolicy(int RetrySteps, double StaleFactor, bool TellsKindsApart)
{
    /// <summary>
    /// Decode steps. Their kind matters: for the `test` model one row at an empty context takes 0.035 ms on one thread
    /// and 0.115 on two, after an 8k prompt 2.3 and 1.2 ms.
    /// </summary>
    public static readonly StepGroupPolicy Decode = new(RetrySteps: 3, StaleFactor: 2, TellsKindsApart: true);

    /// <summary>
    /// Prompt steps. A retry lasts one step: it is long enough to time alone, and three of them at the slower count once
    /// took an 8-stream burst's two 2048-row steps and its tail from 1.2 s to 2.5 s. Staleness needs a 4x move: their
    /// time per unit of work moves 2x with their size alone (a 93-row step's fixed costs against a 2048-row one's), and
    /// the retry that set off put the second 2048-row step of every 8-stream burst on one thread (720 instead of
    /// ~420 ms); a machine that turns two threads 7-100x slower still shows. Kinds are not told apart: a long prompt's
    /// chunks double their work per row early on, and each retry there costs a whole long step.
    /// </summary>
    public static readonly StepGroupPolicy Prompt = new(RetrySteps: 1, StaleFactor: 4, TellsKindsApart: false);
}
