namespace ReasoningServer.Bench.Common;

/// <summary>Summary statistics the benchmarks report.</summary>
internal static class Statistics
{
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        if (percent == 50 && sorted.Count % 2 == 0)
        {
            return (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
