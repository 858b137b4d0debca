using System.Globalization;

namespace ReasoningServer.Bench.Common;

/// <summary>Command-line settings shared by the benchmarks. Threads 0 = the server's own default.</summary>
internal sealed record BenchArguments(string? ServerDll, int Tokens, int Runs, int Threads, string? ResultsPath)
{
    public static BenchArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchArguments(Value("--server"), Number("--tokens", 256), Number("--runs", 3), Number("--threads", 0), Value("--results"));
    }
}
