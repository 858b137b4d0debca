using System.Globalization;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>One sample line as Prometheus' parser read it.</summary>
public sealed record PrometheusSample(string Family, string Type, string Help, string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() =>
        $"{Name}{{{string.Join(',', Labels.Select(l => $"{l.Key}={l.Value}"))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}
