using ReasoningServer.Engine.Scheduling;

namespace ReasoningServer.Engine.Tests.Scheduling;

public sealed class PrefillPlannerTests
{
    [Fact]
    public void Prompts_arriving_together_get_their_first_tokens_one_after_another()
    {
        // Eight 530-token prompts, 512 prompt tokens per step: shortest-remaining-first finishes one about every
        // step; an even split would finish all eight together in step 9, so every first token would wait for it.
        var finished = Simulate([.. Enumerable.Repeat(530, 8)], budget: 512);

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], finished);
    }

    [Fact]
    public void A_short_prompt_behind_long_ones_finishes_in_its_first_step()
    {
        var takes = Plan([600, 600, 25], [1, 2, 3], budget: 40);

        // The longest waiting gets its quarter (10), the short one all it needs, the oldest the rest.
        Assert.Equal([15, 0, 25], takes);
    }

    [Fact]
    public void The_longest_waiting_prompt_keeps_a_quarter_of_every_step_under_a_stream_of_short_ones()
    {
        // A 100-token prompt admitted first, then a fresh 30-token prompt every step: the short ones come first,
        // but the guard still moves the long one by at least 10 of the 40 each step.
        var left = 100;
        var steps = 0;
        while (left > 0)
        {
            var takes = Plan([left, 30], [1, 2 + steps], budget: 40);
            Assert.True(takes[0] >= 10, $"step {steps}: {takes[0]}");
            Assert.Equal(40, takes.Sum());
            left -= takes[0];
            steps++;
        }

        Assert.InRange(steps, 1, 10);
        Assert.Equal([10, 30], Plan([100, 30], [1, 2], budget: 40));
    }

    [Theory]
    [InlineData(new[] { 5, 3, 9 }, 100, new[] { 5, 3, 9 })] // room for all
    [InlineData(new[] { 5 }, 3, new[] { 3 })] // one prompt: all the budget, no guard
    [InlineData(new[] { 50, 7, 20 }, 40, new[] { 13, 7, 20 })] // guard 10 to the oldest, then 7 and 20, the rest to the oldest
    [InlineData(new[] { 9, 9 }, 10, new[] { 9, 1 })] // ties: earlier admission first
    [InlineData(new[] { 4, 4 }, 0, new[] { 0, 0 })]
    public void The_budget_goes_to_the_least_left_first_and_is_never_exceeded(int[] remaining, int budget, int[] expected)
    {
        var takes = Plan(remaining, [.. Enumerable.Range(1, remaining.Length).Select(i => (long)i)], budget);

        Assert.Equal(expected, takes);
        Assert.True(takes.Sum() <= budget);
        Assert.All(takes.Zip(remaining), t => Assert.InRange(t.First, 0, t.Second));
    }

    [Fact]
    public void Planning_allocates_nothing()
    {
        int[] remaining = [530, 20, 7000, 64], takes = new int[4], order = new int[4];
        long[] admitted = [3, 4, 1, 2];
        PrefillPlanner.Plan(remaining, admitted, 512, takes, order);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 10_000; i++)
        {
            PrefillPlanner.Plan(remaining, admitted, 512, takes, order);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static int[] Plan(int[] remaining, long[] admittedAt, int budget)
    {
        var takes = new int[remaining.Length];
        PrefillPlanner.Plan(remaining, admittedAt, budget, takes, new int[remaining.Length]);
        return takes;
    }

    /// <summary>Steps until every prompt is evaluated; returns the step (1-based) in which each finished.</summary>
    private static int[] Simulate(int[] prompts, int budget)
    {
        var left = prompts.ToArray();
        var admitted = Enumerable.Range(1, prompts.Length).Select(i => (long)i).ToArray();
        var finished = new int[prompts.Length];
        for (var step = 1; finished.Contains(0); step++)
        {
            var waiting = Enumerable.Range(0, left.Length).Where(i => left[i] > 0).ToArray();
            var takes = Plan([.. waiting.Select(i => left[i])], [.. waiting.Select(i => admitted[i])], budget);
            for (var k = 0; k < waiting.Length; k++)
            {
                left[waiting[k]] -= takes[k];
                finished[waiting[k]] = left[waiting[k]] == 0 ? step : 0;
            }
        }

        return finished;
    }
}
