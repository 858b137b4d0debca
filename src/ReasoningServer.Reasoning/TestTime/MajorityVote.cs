namespace ReasoningServer.Reasoning.TestTime;

/// <summary>
/// Self-consistency's decision rule. Each sample whose answer extracted casts one vote; the answer with the most
/// votes wins. Tie rule: among answers with equally many votes, the one given by the lowest sample index wins —
/// a rule that depends only on the samples' outputs, so a seeded request reproduces its winner whatever order
/// the samples finished in.
/// </summary>
public static class MajorityVote
{
    public static VoteResult Tally(IEnumerable<SampleOutcome> samples)
    {
        var voting = samples.Where(s => s.Answer is not null).OrderBy(s => s.Index).ToList();
        var ranked = voting
            .GroupBy(s => s.Answer!, StringComparer.Ordinal)
            .Select(g => (Answer: g.Key, Count: g.Count(), First: g.First()))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.First.Index)
            .ToList();
        return ranked.Count == 0
            ? new VoteResult([], null, null, 0)
            : new VoteResult([.. ranked.Select(g => KeyValuePair.Create(g.Answer, g.Count))], ranked[0].Answer, ranked[0].First, voting.Count);
    }

    /// <summary>
    /// Adaptive consistency: true when the leading answer keeps the majority whatever the unfinished samples
    /// answer — it leads the runner-up by more than the votes still to come. (A margin that only equals them
    /// could still end in a tie that the tie rule gives to a lower-index unfinished sample.)
    /// </summary>
    public static bool IsDecided(VoteResult tally, int unfinished)
    {
        if (tally.Winner is null)
        {
            return unfinished == 0;
        }

        var runnerUp = tally.Votes.Count > 1 ? tally.Votes[1].Value : 0;
        return tally.WinnerVotes > runnerUp + unfinished;
    }

    /// <summary>
    /// Adaptive consistency's launch rule: how many more samples to start now — the fewest that would decide the
    /// vote if they and every running sample agreed with the leader. A vote that agrees early never starts the
    /// rest; a split one starts more as its samples finish. Never 0 while nothing runs and the vote is open.
    /// </summary>
    public static int SamplesToLaunch(VoteResult tally, int running, int notStarted)
    {
        var runnerUp = tally.Votes.Count > 1 ? tally.Votes[1].Value : 0;
        // Decided after k more when leader + running + k > runnerUp + (notStarted - k).
        var shortfall = runnerUp + notStarted - tally.WinnerVotes - running;
        return shortfall < 0 ? 0 : Math.Min(notStarted, shortfall / 2 + 1);
    }
}
