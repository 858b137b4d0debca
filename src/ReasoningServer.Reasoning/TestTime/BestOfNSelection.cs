namespace ReasoningServer.Reasoning.TestTime;

/// <summary>
/// Best-of-N's decision rule: samples that pass the verifier rank before those that fail it (when there is a
/// verifier), then by mean answer-token logprob, highest first; a sample without answer tokens ranks last; the
/// lowest index breaks remaining ties.
/// </summary>
public static class BestOfNSelection
{
    public static SampleOutcome? Best(IEnumerable<SampleOutcome> samples) =>
        samples
            .OrderByDescending(s => s.Verified == true)
            .ThenByDescending(s => s.Score ?? double.NegativeInfinity)
            .ThenBy(s => s.Index)
            .FirstOrDefault();
}
