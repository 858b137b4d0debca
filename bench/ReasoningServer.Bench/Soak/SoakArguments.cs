using System.Globalization;

namespace ReasoningServer.Bench.Soak;

/// <summary>Settings of the <c>soak</c> command.</summary>
internal sealed record SoakArguments(string? ServerDll, double Minutes, int BaselineSeconds, int Clients, int Parallel, int Threads, string ResultsPath)
{
    public const string DefaultResults = "bench/history/soak.md";

    public static SoakArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        double Number(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new SoakArguments(Value("--server"), Number("--minutes", 10), (int)Number("--baseline-seconds", 30), (int)Number("--clients", 32),
            (int)Number("--parallel", 8), (int)Number("--threads", 0), Value("--results") ?? DefaultResults);
    }
}
