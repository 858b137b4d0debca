using ReasoningServer.Reasoning.TestTime;

namespace ReasoningServer.Reasoning.Tests.TestTime;

public sealed class MajorityVoteTests
{
    [Fact]
    public void The_most_common_answer_wins_and_its_lowest_index_sample_represents_it()
    {
        var tally = MajorityVote.Tally([Sample(0, "41"), Sample(1, "42"), Sample(2, "42"), Sample(3, "7"), Sample(4, "42")]);

        Assert.Equal("42", tally.Winner);
        Assert.Equal(1, tally.Representative!.Index);
        Assert.Equal([KeyValuePair.Create("42", 3), KeyValuePair.Create("41", 1), KeyValuePair.Create("7", 1)], tally.Votes);
        Assert.Equal(5, tally.Voters);
        Assert.Equal(0.6, tally.Agreement, precision: 12);
    }

    [Fact]
    public void A_tie_goes_to_the_answer_given_by_the_lowest_sample_index_whatever_the_order_of_finishing()
    {
        SampleOutcome[] finishedInOneOrder = [Sample(3, "5"), Sample(0, "9"), Sample(1, "5"), Sample(2, "9")];
        SampleOutcome[] finishedInAnother = [.. finishedInOneOrder.Reverse()];

        var first = MajorityVote.Tally(finishedInOneOrder);
        var second = MajorityVote.Tally(finishedInAnother);

        Assert.Equal("9", first.Winner);
        Assert.Equal(0, first.Representative!.Index);
        Assert.Equal(first.Votes, second.Votes);
        Assert.Equal([KeyValuePair.Create("9", 2), KeyValuePair.Create("5", 2)], first.Votes);
        Assert.Equal(0.5, first.Agreement);
    }

    [Fact]
    public void Samples_whose_answer_failed_to_extract_do_not_vote()
    {
        var tally = MajorityVote.Tally([Sample(0, null), Sample(1, "3"), Sample(2, null), Sample(3, "4"), Sample(4, "4")]);

        Assert.Equal("4", tally.Winner);
        Assert.Equal(3, tally.Voters);
        Assert.Equal(2.0 / 3, tally.Agreement, precision: 12);
        Assert.Equal(3, tally.Representative!.Index);
    }

    [Fact]
    public void No_extracted_answer_means_no_winner()
    {
        var tally = MajorityVote.Tally([Sample(0, null), Sample(1, null)]);

        Assert.Null(tally.Winner);
        Assert.Null(tally.Representative);
        Assert.Empty(tally.Votes);
        Assert.Equal(0, tally.Agreement);
    }

    [Theory]
    [InlineData(new[] { "1", "1", "1" }, 2, true)] // 3 > 0 + 2
    [InlineData(new[] { "1", "1" }, 2, false)] // 2 ties 0 + 2: the unfinished could still tie it and win on a lower index
    [InlineData(new[] { "1", "1", "2" }, 1, false)] // 2 = 1 + 1
    [InlineData(new[] { "1", "1", "2" }, 0, true)]
    [InlineData(new string[0], 0, true)] // nothing left to wait for
    [InlineData(new string[0], 3, false)]
    public void The_vote_is_decided_once_the_unfinished_samples_cannot_overtake_the_leader(string[] answers, int unfinished, bool decided)
    {
        var tally = MajorityVote.Tally(answers.Select((a, i) => Sample(i, a)));

        Assert.Equal(decided, MajorityVote.IsDecided(tally, unfinished));
    }

    [Fact]
    public void Failed_extractions_never_decide_a_vote_while_samples_remain()
    {
        var tally = MajorityVote.Tally([Sample(0, null), Sample(1, null), Sample(2, null)]);

        Assert.False(MajorityVote.IsDecided(tally, unfinished: 1));
    }

    [Theory]
    [InlineData(new string[0], 0, 8, 5)] // five agreeing of eight decide: 5 > 0 + 3
    [InlineData(new string[0], 0, 16, 9)]
    [InlineData(new string[0], 0, 1, 1)]
    [InlineData(new[] { "1" }, 4, 3, 0)] // if the four running agree, 5 > 0 + 3 already
    [InlineData(new[] { "1", "2" }, 3, 3, 1)] // 1 + 3 + 1 > 1 + 2
    [InlineData(new[] { "1", "2", "3", "4", "5" }, 0, 3, 2)] // five-way split: 1 + 2 > 1 + 1
    [InlineData(new[] { "1", "1", "2", "2" }, 0, 4, 3)] // 2 + 3 > 2 + 1
    [InlineData(new[] { "1", "1", "2" }, 2, 0, 0)] // nothing left to start
    [InlineData(new string?[] { null, null }, 0, 2, 2)] // failed extractions leave the vote open
    public void Early_stopping_starts_the_fewest_samples_that_would_decide_the_vote_if_they_agreed(
        string?[] answers, int running, int notStarted, int launch)
    {
        var tally = MajorityVote.Tally(answers.Select((a, i) => Sample(i, a)));

        Assert.Equal(launch, MajorityVote.SamplesToLaunch(tally, running, notStarted));
    }

    [Fact]
    public void Launching_as_the_rule_says_decides_a_unanimous_vote_with_the_samples_it_started()
    {
        // Replays adaptive consistency one finish at a time with every sample agreeing: no sample is started that
        // the decision did not need.
        for (var samples = 1; samples <= 32; samples++)
        {
            var finished = new List<SampleOutcome>();
            var started = MajorityVote.SamplesToLaunch(MajorityVote.Tally([]), running: 0, notStarted: samples);
            var decided = false;
            while (!decided && finished.Count < started)
            {
                finished.Add(Sample(finished.Count, "42"));
                var tally = MajorityVote.Tally(finished);
                decided = MajorityVote.IsDecided(tally, samples - finished.Count);
                if (!decided)
                {
                    started += MajorityVote.SamplesToLaunch(tally, started - finished.Count, samples - started);
                }
            }

            Assert.True(decided);
            Assert.Equal(samples / 2 + 1, started);
        }
    }

    private static SampleOutcome Sample(int index, string? answer) => new(index, answer, Score: null);
}
