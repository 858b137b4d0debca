using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ReasoningServer.Metrics;

/// <summary>
/// What one instrument has measured, per label set, and how it reads in Prometheus' text format. Callers hold
/// the exporter's lock.
/// </summary>
internal sealed class MetricFamily
{
    /// <summary>OpenTelemetry's default boundaries, for histograms that give no advice.</summary>
    private static readonly double[] DefaultBoundaries = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Dictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly MetricKind _kind;
    private readonly double[] _boundaries = [];

    public MetricFamily(Instrument instrument)
    {
        _kind = instrument switch
        {
            Histogram<double> or Histogram<long> or Histogram<int> => MetricKind.Histogram,
            Counter<long> or Counter<int> or Counter<double> => MetricKind.Counter,
            ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => MetricKind.ObservedCounter,
            UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double> => MetricKind.UpDownCounter,
            _ => MetricKind.Gauge,
        };
        if (_kind == MetricKind.Histogram)
        {
            _boundaries = instrument switch
            {
                Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
                Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
                Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
                _ => null,
            } ?? DefaultBoundaries;
        }

        Name = PrometheusNames.MetricName(instrument, _kind is MetricKind.Counter or MetricKind.ObservedCounter);
        Help = instrument.Description ?? instrument.Name;
    }

    public string Name { get; }

    public string Help { get; }

    /// <summary>Observable gauges report a fresh set of series at every scrape; labels no longer reported must disappear.</summary>
    public bool IsObserved => _kind is MetricKind.Gauge or MetricKind.ObservedCounter;

    public void ClearObserved()
    {
        if (IsObserved)
        {
            _series.Clear();
        }
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = LabelKey(tags);
        if (!_series.TryGetValue(key, out var series))
        {
            series = new MetricSeries(_boundaries.Length + 1);
            _series.Add(key, series);
        }

        switch (_kind)
        {
            case MetricKind.Counter or MetricKind.UpDownCounter:
                series.Value += value;
                break;
            case MetricKind.Histogram:
                var bucket = 0;
                while (bucket < _boundaries.Length && value > _boundaries[bucket])
                {
                    bucket++;
                }

                series.Buckets[bucket]++;
                series.Value += value;
                series.Count++;
                break;
            default:
                series.Value = value; // observed: the callback reports the current value (a cumulative one for counters)
                break;
        }
    }

    public void Write(StringBuilder text)
    {
        var type = _kind switch
        {
            MetricKind.Counter or MetricKind.ObservedCounter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        };
        text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusNames.EscapeHelp(Help)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (_kind != MetricKind.Histogram)
            {
                Sample(text, Name, labels, series.Value);
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < series.Buckets.Length; i++)
            {
                cumulative += series.Buckets[i];
                var le = i < _boundaries.Length ? Number(_boundaries[i]) : "+Inf";
                Sample(text, Name + "_bucket", Join(labels, $"le=\"{le}\""), cumulative);
            }

            Sample(text, Name + "_sum", labels, series.Value);
            Sample(text, Name + "_count", labels, series.Count);
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Join(string labels, string more) => labels.Length == 0 ? more : labels + "," + more;

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>The label set in a canonical order, already in text form: it is both the series key and what is written.</summary>
    private static string LabelKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((PrometheusNames.Sanitize(tag.Key), Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return string.Join(',', pairs.Select(p => $"{p.Name}=\"{PrometheusNames.EscapeLabelValue(p.Value)}\""));
    }
}
