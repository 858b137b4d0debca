using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ReasoningServer.Bench.Common;

namespace ReasoningServer.Bench.Comparison;

/// <summary>Runs <see cref="EngineStreamsCommand"/> in a fresh process of this program, as each server level runs on a fresh server.</summary>
internal static class EngineOnlyRun
{
    public static async Task<StreamsMeasurement> RunAsync(string libraryDirectory, int threads, bool unifiedKv, CompareLoad load)
    {
        var start = new ProcessStartInfo("dotnet");
        foreach (var argument in (string[])[Assembly.GetEntryAssembly()!.Location, EngineStreamsCommand.Verb,
            "--model", load.ModelPath, "--lib-dir", libraryDirectory, "--ctx-size", Invariant(load.ContextSize), "--parallel", Invariant(load.Parallel),
            "--kv-unified", unifiedKv ? "true" : "false", "--threads", Invariant(threads),
            "--streams", Invariant(load.Streams), "--prompt", Invariant(load.PromptTokens), "--tokens", Invariant(load.GeneratedTokens)])
        {
            start.ArgumentList.Add(argument);
        }

        // The runtime settings the server's own project file gives it (ReasoningServer.csproj), so the engine runs alike.
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        start.Environment["DOTNET_TieredCompilation"] = "0";
        var run = await ChildProcessRegistry.RunToEndAsync(start);
        var line = run.StandardOutput.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        return run.ExitCode == 0 && line is not null
            ? JsonSerializer.Deserialize<StreamsMeasurement>(line, EngineStreamsCommand.MeasurementJson)!
            : throw new InvalidOperationException($"{EngineStreamsCommand.Verb} exited with code {run.ExitCode}:\n{run.StandardError}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
