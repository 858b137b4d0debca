namespace ReasoningServer.Metrics;

/// <summary>The running value of one label set of one instrument: a sum or last value, or a histogram's buckets.</summary>
internal sealed class MetricSeries(int bucketCount)
{
    /// <summary>Counts per bucket (not cumulative); the last one is +Inf.</summary>
    public long[] Buckets { get; } = new long[bucketCount];

    public double Value { get; set; }

    public long Count { get; set; }
}
