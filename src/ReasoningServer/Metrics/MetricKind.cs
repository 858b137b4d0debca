namespace ReasoningServer.Metrics;

/// <summary>How an instrument's measurements combine into the value Prometheus reads.</summary>
internal enum MetricKind
{
    /// <summary>Increments, added up: a Prometheus counter.</summary>
    Counter,

    /// <summary>A cumulative value reported at each scrape: a Prometheus counter.</summary>
    ObservedCounter,

    /// <summary>Increments and decrements, added up: a Prometheus gauge.</summary>
    UpDownCounter,

    /// <summary>The current value reported at each scrape: a Prometheus gauge.</summary>
    Gauge,

    /// <summary>Measurements counted into buckets, with sum and count.</summary>
    Histogram,
}
