namespace ReasoningServer.Bench.Comparison;

/// <summary>One program of the comparison and how it runs a level on fresh processes.</summary>
/// <param name="Run">Runs the level; returns the measurement and the program's own lines about its threads.</param>
internal sealed record CompareTarget(string Name, Func<CompareLoad, Task<(StreamsMeasurement Measurement, string ThreadLines)>> Run)
{
    public const string LlamaServer = "llama-server";
    public const string Ours = "ours";
    public const string OursPrebuilt = "ours, npm prebuilt libs";
    public const string EngineOnly = "ours, engine only";

    /// <summary>The model id every server is asked for (llama-server serves whatever it loaded).</summary>
    public const string ModelId = "tiny";

    /// <param name="unifiedKv">One KV cache for all slots (<c>-kvu</c>) instead of llama-server's cache per slot.</param>
    public static CompareTarget ForLlamaServer(string llamaBin, int threads, bool unifiedKv, string[] extraArguments) => new(LlamaServer, Served(load =>
        ChildServer.StartAsync(LlamaServer, Path.Combine(llamaBin, "llama-server"),
            ["-m", load.ModelPath, "-c", $"{load.ContextSize}", "-np", $"{load.Parallel}", "-a", ModelId, "--no-webui", .. ThreadArguments(threads),
                .. unifiedKv ? ["-kvu"] : Array.Empty<string>(), .. extraArguments], ModelId)));

    /// <param name="libraryDirectory">llama.cpp libraries to load; null = the npm prebuilt ones (the default).</param>
    /// <param name="unifiedKv">One KV cache for all slots (our default) instead of one per slot (<c>--kv-unified false</c>).</param>
    public static CompareTarget ForOurs(string name, string serverDll, string? libraryDirectory, int threads, bool unifiedKv, string[] extraArguments) => new(name, Served(load =>
        ChildServer.StartAsync(name, "dotnet",
            [serverDll, "--model", load.ModelPath, "--alias", ModelId, "--ctx-size", $"{load.ContextSize}", "--parallel", $"{load.Parallel}",
                .. libraryDirectory is null ? Array.Empty<string>() : ["--lib-dir", libraryDirectory], .. ThreadArguments(threads),
                .. unifiedKv ? Array.Empty<string>() : ["--kv-unified", "false"], .. extraArguments],
            ModelId, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" })));

    /// <summary>Our engine as the server sets it up, with no HTTP and no client process (<see cref="EngineStreamsCommand"/>).</summary>
    public static CompareTarget ForEngineOnly(string libraryDirectory, int threads, bool unifiedKv) => new(EngineOnly, async load =>
        (await EngineOnlyRun.RunAsync(libraryDirectory, threads, unifiedKv, load), ""));

    private static Func<CompareLoad, Task<(StreamsMeasurement, string)>> Served(Func<CompareLoad, Task<ChildServer>> start) => async load =>
    {
        await using var server = await start(load);
        return (await StreamLoad.RunAsync(server, load), server.ThreadLines);
    };

    private static string[] ThreadArguments(int threads) => threads > 0 ? ["-t", $"{threads}", "-tb", $"{threads}"] : [];
}
