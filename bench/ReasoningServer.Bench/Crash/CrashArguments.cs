using System.Globalization;

namespace ReasoningServer.Bench.Crash;

/// <summary>Settings of <c>crash</c>: SIGKILL rounds per ledger under mixed load.</summary>
/// <param name="Postgres">A PostgreSQL server's connection string (a database of the run's own is created on it).</param>
/// <param name="Seed">Seeds the kill moments, so a failing run can be repeated.</param>
internal sealed record CrashArguments(
    string ServerDll,
    int Rounds,
    IReadOnlyList<string> Ledgers,
    string? Postgres,
    int Workers,
    int Seed,
    string ResultsPath)
{
    public const string DefaultResults = "bench/history/crash.md";

    public static CrashArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var ledgers = (Value("--ledgers") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.ToLowerInvariant()).ToList();
        if (ledgers.FirstOrDefault(l => l is not ("sqlite" or "postgres")) is { } unknown)
        {
            throw new ArgumentException($"--ledgers takes sqlite and postgres, not '{unknown}'.");
        }

        return new CrashArguments(
            Value("--server") ?? throw new ArgumentException("--server PATH/ReasoningServer.dll is required."),
            Number("--rounds", 20),
            ledgers,
            Value("--postgres") ?? (Environment.GetEnvironmentVariable("REASONINGSERVER_TEST_POSTGRES") is { Length: > 0 } pg ? pg : null),
            Number("--workers", 3),
            Number("--seed", Environment.TickCount),
            Value("--results") ?? DefaultResults);
    }
}
