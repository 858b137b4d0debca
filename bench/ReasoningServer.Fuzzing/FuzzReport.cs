using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ReasoningServer.Fuzzing;

/// <summary>Counts of one run: statuses, verdicts, findings (the first ones kept whole), and what the caller adds (RSS, liveness).</summary>
public sealed class FuzzReport(int seed)
{
    private const int KeptFindings = 50;
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentDictionary<FuzzVerdict, int> _verdicts = new();
    private readonly ConcurrentQueue<FuzzFinding> _findings = new();
    private int _protocolRefusals;

    public int Seed => seed;

    public int Cases => _statuses.Values.Sum();

    public TimeSpan Duration { get; set; }

    public IReadOnlyDictionary<string, int> Statuses => _statuses;

    public IReadOnlyList<FuzzFinding> Findings => [.. _findings];

    public int Count(FuzzVerdict verdict) => _verdicts.GetValueOrDefault(verdict);

    /// <summary>Responses of 500 and above, whatever the verdict (the readiness probe's 503 included).</summary>
    public int ServerErrors => _statuses.Where(s => int.TryParse(s.Key, out var status) && status >= 500).Sum(s => s.Value);

    public bool Clean => Count(FuzzVerdict.ServerError) == 0 && Count(FuzzVerdict.NotOpenAIShaped) == 0 && Count(FuzzVerdict.NoResponse) == 0;

    public void Add(FuzzCase fuzzCase, FuzzOutcome outcome)
    {
        var verdict = FuzzRules.Judge(fuzzCase, outcome);
        _statuses.AddOrUpdate(outcome.Key, 1, (_, n) => n + 1);
        _verdicts.AddOrUpdate(verdict, 1, (_, n) => n + 1);
        if (fuzzCase.HeaderLevel && outcome.Status is not null && outcome.Body.Length == 0)
        {
            Interlocked.Increment(ref _protocolRefusals);
        }
        if (verdict is not (FuzzVerdict.Ok or FuzzVerdict.DroppedBrokenFraming) && _findings.Count < KeptFindings)
        {
            _findings.Enqueue(new FuzzFinding(fuzzCase, outcome, verdict));
        }
    }

    /// <summary>Adds a later round's counts (the rounds of one run share one server and one table).</summary>
    public void Absorb(FuzzReport round)
    {
        foreach (var (status, count) in round._statuses) _statuses.AddOrUpdate(status, count, (_, n) => n + count);
        foreach (var (verdict, count) in round._verdicts) _verdicts.AddOrUpdate(verdict, count, (_, n) => n + count);
        foreach (var finding in round._findings.Take(Math.Max(0, KeptFindings - _findings.Count))) _findings.Enqueue(finding);
        _protocolRefusals += round._protocolRefusals;
        Duration += round.Duration;
    }

    /// <summary>The figure table: one row per measure, then the status histogram.</summary>
    public string ToMarkdown(IEnumerable<(string Measure, string Value)> extra)
    {
        var text = new StringBuilder();
        text.AppendLine("| measure | value |").AppendLine("|---|---|");
        void Row(string measure, object value) => text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {value} |");
        Row("seed", seed);
        Row("cases", Cases);
        Row("duration", $"{Duration.TotalSeconds:F0} s");
        Row("5xx from the application", Count(FuzzVerdict.ServerError));
        Row("non-OpenAI-shaped error bodies", Count(FuzzVerdict.NotOpenAIShaped));
        Row("no response to a well-framed request", Count(FuzzVerdict.NoResponse));
        Row("no response, framing broken on purpose (allowed)", Count(FuzzVerdict.DroppedBrokenFraming));
        Row("malformed request line/headers refused by Kestrel itself (bodyless 400/408/414/431/505; allowed)", _protocolRefusals);
        foreach (var (measure, value) in extra) Row(measure, value);
        text.AppendLine().AppendLine("| status | responses |").AppendLine("|---|---|");
        foreach (var (status, count) in _statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {status} | {count} |");
        }

        return text.ToString();
    }
}
