using System.Diagnostics.Metrics;
using System.Text;

namespace ReasoningServer.Metrics;

/// <summary>
/// OpenTelemetry's mapping of instrument names to Prometheus names: dots become underscores, the unit becomes
/// a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, <c>1</c> → <c>_ratio</c>; annotations such
/// as <c>{token}</c> add nothing) and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    public static string MetricName(Instrument instrument, bool monotonic)
    {
        var name = Sanitize(instrument.Name);
        var suffix = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            "1" => "_ratio",
            _ => string.Empty,
        };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        return monotonic && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>Metric and label names allow <c>[a-zA-Z_][a-zA-Z0-9_]*</c>; anything else becomes an underscore.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text escapes backslash and line feed.</summary>
    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
