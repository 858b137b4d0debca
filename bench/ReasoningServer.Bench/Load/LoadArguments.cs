using System.Globalization;

namespace ReasoningServer.Bench.Load;

/// <summary>Settings of the <c>load</c> verb.</summary>
/// <param name="ServerDll">Our server to start (with the `bench` tiny model); null when <paramref name="BaseUrl"/> names a running one.</param>
/// <param name="BaseUrl">Any OpenAI-compatible server, e.g. llama-server, instead of starting ours.</param>
/// <param name="Model">The model id sent to <paramref name="BaseUrl"/>.</param>
/// <param name="Clients">Concurrency levels to run, each a separate run.</param>
/// <param name="Turns">Turns per conversation; each client holds one conversation per run.</param>
/// <param name="Tokens">max_completion_tokens per turn (the end of turn is biased away on our tiny model, so each turn generates this many).</param>
/// <param name="Engine">Also run the same load straight through the engine (no HTTP) and report the ratio.</param>
internal sealed record LoadArguments(
    string? ServerDll, string? BaseUrl, string Model, int[] Clients, int Turns, int Tokens, int Parallel, bool Engine, int Choices, string? ResultsPath)
{
    public static LoadArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var clients = (Value("--clients") ?? "1,4,8").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        return new LoadArguments(
            Value("--server"), Value("--base-url"), Value("--model") ?? "bench", clients,
            Number("--turns", 3), Number("--tokens", 64), Number("--parallel", clients.Max()),
            !args.Contains("--no-engine"), Number("--choices", 8), Value("--results"));
    }
}
