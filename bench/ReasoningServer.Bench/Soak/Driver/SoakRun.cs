namespace ReasoningServer.Bench.Soak;

/// <summary>Everything the soak's clients did.</summary>
/// <param name="StartedAt">When the first client started: earlier ledger rows (a readiness probe) are not the soak's.</param>
internal sealed record SoakRun(IReadOnlyList<SoakRequestResult> Requests, TimeSpan Elapsed, DateTimeOffset StartedAt)
{
    public int Count(SoakClientKind kind) => Requests.Count(r => r.Kind == kind);

    public int ServerErrors => Requests.Count(r => r.Status >= 500);

    /// <summary>Mean per-stream token rate of normal readers' complete streams in the baseline (alone) or in the mix.</summary>
    public double NormalRate(bool baseline)
    {
        var rates = Requests.Where(r => r.Kind == SoakClientKind.Normal && r.InBaseline == baseline && r.ReadToEnd && r.Rate is not null)
            .Select(r => r.Rate!.Value).ToList();
        return rates.Count == 0 ? 0 : rates.Average();
    }
}
