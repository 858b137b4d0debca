using System.Diagnostics;
using System.Globalization;
using ReasoningServer.Bench.Chat;
using ReasoningServer.Bench.Common;

namespace ReasoningServer.Bench.Comparison;

/// <summary>
/// What one target did with N concurrent streams of one prompt each. Generation tokens/s is the sum of the
/// streams' own decode rates (tokens after the first over the time from the first to the last); prompt tokens/s
/// is the prompt tokens evaluated (not cached) over the time until the last stream's first token.
/// </summary>
/// <param name="SteadyTokensPerSecond">
/// Tokens/s of all streams together while every one of them is decoding: from the last stream's first token to the
/// first stream's last. It leaves out the burst, where a stream's decoding shares steps with the others' prompts, so
/// it is the figure to set beside llama-batched-bench's, which evaluates every prompt before decoding any.
/// </param>
internal sealed record StreamsMeasurement(string Target, int Streams, double GenerationTokensPerSecond, double SteadyTokensPerSecond,
    double PromptTokensPerSecond, double TtftP50, double TtftP95, double ItlP50, double ItlP95, double PeakResidentMiB, int PromptTokens,
    int GeneratedTokens)
{
    public static StreamsMeasurement From(string target, IReadOnlyList<TurnMeasurement> streams, double peakResidentMiB)
    {
        var ttft = streams.Select(s => s.TimeToFirstToken.TotalMilliseconds).ToList();
        var gaps = streams.SelectMany(s => s.InterTokenLatencies).ToList();
        var generation = streams.Where(s => s.InterTokenLatencies.Count > 0)
            .Sum(s => (s.CompletionTokens - 1) / (s.InterTokenLatencies.Sum() / 1000));
        var evaluated = streams.Sum(s => s.PromptTokens - s.CachedTokens);
        return new StreamsMeasurement(target, streams.Count, generation, SteadyRate(streams), evaluated / (ttft.Max() / 1000),
            Statistics.Percentile(ttft, 50), Statistics.Percentile(ttft, 95), Statistics.Percentile(gaps, 50), Statistics.Percentile(gaps, 95),
            peakResidentMiB, (int)Statistics.Median([.. streams.Select(s => (double)s.PromptTokens)]), streams.Sum(s => s.CompletionTokens));
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Streams} | {Target} | {GenerationTokensPerSecond:0.0} | {(double.IsNaN(SteadyTokensPerSecond) ? "–" : SteadyTokensPerSecond.ToString("0.0", CultureInfo.InvariantCulture))} | {PromptTokensPerSecond:0} | {TtftP50:0} | {TtftP95:0} | {ItlP50:0.0} | {ItlP95:0.0} | {PeakResidentMiB:0} |");

    /// <summary>
    /// Tokens arriving while every stream decodes, over that window's length; NaN when there is no such window (a stream
    /// finished before another's first token). A chunk counts as the stream's mean tokens per chunk, so servers that
    /// put two tokens in one event are not undercounted.
    /// </summary>
    private static double SteadyRate(IReadOnlyList<TurnMeasurement> streams)
    {
        if (streams.Any(s => s.InterTokenLatencies.Count == 0 || s.FirstTokenTimestamp == 0))
        {
            return double.NaN;
        }

        var arrivals = streams.Select(s => Arrivals(s).ToList()).ToList();
        var start = arrivals.Max(a => a[0]);
        var end = arrivals.Min(a => a[^1]);
        if (end <= start)
        {
            return double.NaN;
        }

        var tokens = 0.0;
        for (var i = 0; i < streams.Count; i++)
        {
            var perChunk = (streams[i].CompletionTokens - 1) / (double)streams[i].InterTokenLatencies.Count;
            tokens += perChunk * arrivals[i].Count(at => at > start && at <= end);
        }

        return tokens / (end - start);
    }

    /// <summary>When each chunk of the turn arrived, in seconds on one clock shared by all turns of the process.</summary>
    private static IEnumerable<double> Arrivals(TurnMeasurement turn)
    {
        var at = turn.FirstTokenTimestamp / (double)Stopwatch.Frequency;
        yield return at;
        foreach (var gap in turn.InterTokenLatencies)
        {
            at += gap / 1000;
            yield return at;
        }
    }
}
