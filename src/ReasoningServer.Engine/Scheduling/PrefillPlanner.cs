namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// Splits a step's prompt budget between the prompts being evaluated: shortest remaining first. That order
/// minimises the mean time to first token — eight prompts arriving together get their first tokens one after
/// another instead of all in the last step, and a short prompt behind a long one finishes in its first step.
/// The longest-waiting prompt always gets a quarter of the budget, so a long prompt still advances under a
/// stream of short ones.
/// </summary>
internal static class PrefillPlanner
{
    /// <summary>The longest-waiting prompt's guaranteed part of a step's prompt budget: 1/4.</summary>
    public const int StarvationGuardShare = 4;

    /// <summary>Fills <paramref name="takes"/>: how many tokens each waiting prompt evaluates this step. Allocation-free.</summary>
    /// <param name="remaining">Tokens each waiting prompt still needs (each above 0).</param>
    /// <param name="admittedAt">When each prompt's request was admitted (engine clock): lower has waited longer.</param>
    /// <param name="order">Scratch space as long as <paramref name="remaining"/>.</param>
    public static void Plan(ReadOnlySpan<int> remaining, ReadOnlySpan<long> admittedAt, int budget, Span<int> takes, Span<int> order)
    {
        var count = remaining.Length;
        takes[..count].Clear();
        if (count == 0 || budget <= 0)
        {
            return;
        }

        if (count > 1)
        {
            var oldest = 0;
            for (var i = 1; i < count; i++)
            {
                oldest = admittedAt[i] < admittedAt[oldest] ? i : oldest;
            }

            takes[oldest] = Math.Min(remaining[oldest], Math.Max(1, budget / StarvationGuardShare));
            budget -= takes[oldest];
        }

        // Insertion sort (a handful of prompts): least left first, earlier admission on ties.
        for (var i = 0; i < count; i++)
        {
            var j = i - 1;
            for (; j >= 0 && RunsBefore(i, order[j], remaining, admittedAt, takes); j--)
            {
                order[j + 1] = order[j];
            }

            order[j + 1] = i;
        }

        for (var k = 0; k < count && budget > 0; k++)
        {
            var i = order[k];
            var more = Math.Min(remaining[i] - takes[i], budget);
            takes[i] += more;
            budget -= more;
        }
    }

    private static bool RunsBefore(int a, int b, ReadOnlySpan<int> remaining, ReadOnlySpan<long> admittedAt, Span<int> takes)
    {
        int left = remaining[a] - takes[a], other = remaining[b] - takes[b];
        return left < other || (left == other && admittedAt[a] < admittedAt[b]);
    }
}
