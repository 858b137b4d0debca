using ReasoningServer.Reasoning.TestTime;

namespace ReasoningServer.Reasoning.Tests.TestTime;

public sealed class BestOfNSelectionTests
{
    [Fact]
    public void The_highest_mean_logprob_wins_and_a_sample_without_answer_tokens_ranks_last()
    {
        var best = BestOfNSelection.Best([new(0, "1", -2.0), new(1, "2", null), new(2, "3", -0.5), new(3, "4", -1.0)]);

        Assert.Equal(2, best!.Index);
    }

    [Fact]
    public void Passing_the_verifier_ranks_before_any_logprob()
    {
        var best = BestOfNSelection.Best([new(0, "1", -0.1, Verified: false), new(1, "2", -3.0, Verified: true), new(2, "3", -2.0, Verified: true)]);

        Assert.Equal(2, best!.Index);
    }

    [Fact]
    public void Equal_scores_go_to_the_lowest_index()
    {
        var best = BestOfNSelection.Best([new(2, "1", -1.0), new(1, "2", -1.0), new(3, "3", -1.0)]);

        Assert.Equal(1, best!.Index);
    }
}
