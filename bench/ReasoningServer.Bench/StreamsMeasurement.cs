using System.Globalization;

namespace ReasoningServer.Bench;

/// <summary>
/// What one target did with N concurrent streams of one prompt each. Generation tokens/s is the sum of the
/// streams' own decode rates (tokens after the first over the time from the first to the last); prompt tokens/s
/// is the prompt tokens evaluated (not cached) over the time until the last stream's first token.
/// </summary>
internal sealed record StreamsMeasurement(string Target, int Streams, double GenerationTokensPerSecond, double PromptTokensPerSecond,
    double TtftP50, double TtftP95, double ItlP50, double ItlP95, double PeakResidentMiB, int PromptTokens, int GeneratedTokens)
{
    public static StreamsMeasurement From(string target, IReadOnlyList<TurnMeasurement> streams, double peakResidentMiB)
    {
        var ttft = streams.Select(s => s.TimeToFirstToken.TotalMilliseconds).ToList();
        var gaps = streams.SelectMany(s => s.InterTokenLatencies).ToList();
        var generation = streams.Where(s => s.InterTokenLatencies.Count > 0)
            .Sum(s => (s.CompletionTokens - 1) / (s.InterTokenLatencies.Sum() / 1000));
        var evaluated = streams.Sum(s => s.PromptTokens - s.CachedTokens);
        return new StreamsMeasurement(target, streams.Count, generation, evaluated / (ttft.Max() / 1000),
            Statistics.Percentile(ttft, 50), Statistics.Percentile(ttft, 95), Statistics.Percentile(gaps, 50), Statistics.Percentile(gaps, 95),
            peakResidentMiB, (int)Statistics.Median([.. streams.Select(s => (double)s.PromptTokens)]), streams.Sum(s => s.CompletionTokens));
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Streams} | {Target} | {GenerationTokensPerSecond:0.0} | {PromptTokensPerSecond:0} | {TtftP50:0} | {TtftP95:0} | {ItlP50:0.0} | {ItlP95:0.0} | {PeakResidentMiB:0} |");
}
