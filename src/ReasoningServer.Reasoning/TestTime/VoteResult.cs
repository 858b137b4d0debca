namespace ReasoningServer.Reasoning.TestTime;

/// <summary>The tally of a majority vote.</summary>
/// <param name="Votes">Answer → votes, most votes first, ties in the order of the tie rule.</param>
/// <param name="Winner">The winning answer; null when no sample produced one.</param>
/// <param name="Representative">The lowest-index sample carrying the winning answer (the one returned); null with no winner.</param>
/// <param name="Voters">Samples whose answer extracted.</param>
public sealed record VoteResult(IReadOnlyList<KeyValuePair<string, int>> Votes, string? Winner, SampleOutcome? Representative, int Voters)
{
    public int WinnerVotes => Votes.Count > 0 ? Votes[0].Value : 0;

    /// <summary>Share of the voters that agree with the winner, 0 when nobody voted.</summary>
    public double Agreement => Voters == 0 ? 0 : (double)WinnerVotes / Voters;
}
