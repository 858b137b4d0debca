namespace ReasoningServer.Bench;

/// <summary>One server program of the comparison and how to start it on a model.</summary>
internal sealed record CompareTarget(string Name, Func<string, int, int, Task<ChildServer>> Start)
{
    public const string LlamaServer = "llama-server";
    public const string Ours = "ours";
    public const string OursPrebuilt = "ours, npm prebuilt libs";

    /// <summary>The model id every server is asked for (llama-server serves whatever it loaded).</summary>
    public const string ModelId = "tiny";

    /// <param name="unifiedKv">One KV cache for all slots (<c>-kvu</c>) instead of llama-server's cache per slot.</param>
    public static CompareTarget ForLlamaServer(string llamaBin, int threads, bool unifiedKv, string[] extraArguments) => new(LlamaServer, (model, context, parallel) =>
        ChildServer.StartAsync(LlamaServer, Path.Combine(llamaBin, "llama-server"),
            ["-m", model, "-c", $"{context}", "-np", $"{parallel}", "-a", ModelId, "--no-webui", .. ThreadArguments(threads),
                .. unifiedKv ? ["-kvu"] : Array.Empty<string>(), .. extraArguments], ModelId));

    /// <param name="libraryDirectory">llama.cpp libraries to load; null = the npm prebuilt ones (the default).</param>
    /// <param name="unifiedKv">One KV cache for all slots (our default) instead of one per slot (<c>--kv-unified false</c>).</param>
    public static CompareTarget ForOurs(string name, string serverDll, string? libraryDirectory, int threads, bool unifiedKv, string[] extraArguments) => new(name, (model, context, parallel) =>
        ChildServer.StartAsync(name, "dotnet",
            [serverDll, "--model", model, "--alias", ModelId, "--ctx-size", $"{context}", "--parallel", $"{parallel}",
                .. libraryDirectory is null ? Array.Empty<string>() : ["--lib-dir", libraryDirectory], .. ThreadArguments(threads),
                .. unifiedKv ? Array.Empty<string>() : ["--kv-unified", "false"], .. extraArguments],
            ModelId, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" }));

    private static string[] ThreadArguments(int threads) => threads > 0 ? ["-t", $"{threads}", "-tb", $"{threads}"] : [];
}
