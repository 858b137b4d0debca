using System.Globalization;

namespace ReasoningServer.Bench.Overload;

/// <summary>Settings of the <c>overload</c> command.</summary>
/// <param name="Slots">The server's Model:Parallel.</param>
/// <param name="Queue">The server's Model:QueueCapacity.</param>
/// <param name="Factor">Clients per wave = Factor × (Slots + Queue).</param>
/// <param name="TimeoutSeconds">Generation:RequestTimeoutSeconds of the second run.</param>
internal sealed record OverloadArguments(string? ServerDll, int Slots, int Queue, int Factor, int Waves, int Tokens, int TimeoutSeconds, int Threads, string ResultsPath)
{
    public const string DefaultResults = "bench/history/overload.md";

    public int Clients => Factor * (Slots + Queue);

    public static OverloadArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new OverloadArguments(Value("--server"), Number("--slots", 2), Number("--queue", 2), Number("--factor", 4), Number("--waves", 5),
            Number("--tokens", 32), Number("--timeout", 2), Number("--threads", 0), Value("--results") ?? DefaultResults);
    }
}
