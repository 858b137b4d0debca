using System.Globalization;

namespace ReasoningServer.Bench.Fuzz;

/// <summary>
/// Settings of the <c>fuzz</c> command; without <c>--seed</c> a fresh one is drawn and printed. <c>--rounds N</c> runs
/// N rounds of <c>--cases</c> (seeds <c>seed</c>, <c>seed + 1</c>, …) against one server, to see its memory over time.
/// <c>--dump ID</c> writes that case's request bytes to stdout instead of running.
/// </summary>
internal sealed record FuzzArguments(string? ServerDll, int Cases, int Rounds, int Seed, int Concurrency, int SlowLoris, int TimeoutSeconds, string? FindingsFolder, string ResultsPath, int? Dump)
{
    public const string DefaultResults = "bench/history/fuzz.md";

    public static FuzzArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new FuzzArguments(Value("--server"), Number("--cases", 10_000), Math.Max(1, Number("--rounds", 1)), Number("--seed", Random.Shared.Next()), Number("--concurrency", 4),
            Number("--slow-loris", 16), Number("--timeout", 60), Value("--findings"), Value("--results") ?? DefaultResults,
            Value("--dump") is { } dump ? int.Parse(dump, CultureInfo.InvariantCulture) : null);
    }
}
