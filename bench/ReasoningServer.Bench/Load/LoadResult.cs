using System.Globalization;
using ReasoningServer.Bench.Chat;

namespace ReasoningServer.Bench.Load;

/// <summary>One run's aggregate: throughput over the wall time, latency percentiles over all turns, prefix-cache hits.</summary>
internal sealed record LoadResult(string Target, int Clients, int Turns, int Tokens, TimeSpan Wall,
    double TtftP50, double TtftP95, double ItlP50, double ItlP95, int PromptTokens, int CachedTokens, int TurnsWithHit)
{
    public double TokensPerSecond => Tokens / Wall.TotalSeconds;

    /// <summary>Share of prompt tokens served from the prefix cache.</summary>
    public double CacheHitRate => PromptTokens == 0 ? 0 : (double)CachedTokens / PromptTokens;

    public static LoadResult From(string target, int clients, IReadOnlyList<TurnMeasurement> turns, TimeSpan wall)
    {
        var ttft = turns.Select(t => t.TimeToFirstToken.TotalMilliseconds).Order().ToList();
        var itl = turns.SelectMany(t => t.InterTokenLatencies).Order().ToList();
        return new LoadResult(target, clients, turns.Count, turns.Sum(t => t.CompletionTokens), wall,
            Percentile(ttft, 0.50), Percentile(ttft, 0.95), Percentile(itl, 0.50), Percentile(itl, 0.95),
            turns.Sum(t => t.PromptTokens), turns.Sum(t => t.CachedTokens), turns.Count(t => t.CachedTokens > 0));
    }

    public string Row(double? ratio) => string.Create(CultureInfo.InvariantCulture,
        $"| {Clients} | {Target} | {TokensPerSecond:0.0} | {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "")} | {TtftP50:0} | {TtftP95:0} | {ItlP50:0.0} | {ItlP95:0.0} | {CacheHitRate:P0} ({TurnsWithHit}/{Turns}) |");

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
