using System.Diagnostics.Metrics;
using System.Text;

namespace ReasoningServer.Metrics;

/// <summary>
/// Listens to this application's own instruments (those its <see cref="IMeterFactory"/> created in the
/// <see cref="ServerMetrics.MeterName"/> meter, so two servers in one process never mix) and renders what they
/// measured in Prometheus' text exposition format 0.0.4. The OpenTelemetry Prometheus exporter is not in the
/// package source here; this is the small part of it the server needs.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Lock _lock = new();
    private readonly Dictionary<Instrument, MetricFamily> _families = [];
    private readonly MeterListener _listener = new();

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == ServerMetrics.MeterName)
            {
                lock (_lock)
                {
                    _families[instrument] = new MetricFamily(instrument);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_lock)
            {
                _families.Remove(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every metric, observable ones read now, families in name order.</summary>
    public string Scrape()
    {
        lock (_lock)
        {
            foreach (var family in _families.Values)
            {
                family.ClearObserved();
            }
        }

        _listener.RecordObservableInstruments(); // calls back into Record on this thread
        var text = new StringBuilder(8192);
        lock (_lock)
        {
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.Write(text);
            }
        }

        return text.ToString();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_lock)
        {
            if (_families.TryGetValue(instrument, out var family))
            {
                family.Record(value, tags);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
