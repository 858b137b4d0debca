using System.Diagnostics;
using System.Globalization;

namespace ReasoningServer.Bench.Common;

/// <summary>
/// Every server or engine process the comparison starts, so none outlives it: each is killed by its own PID
/// when it is disposed, when this process exits or is interrupted, and — through the file named by
/// <c>REASONINGSERVER_BENCH_PID_FILE</c>, which bench/compare.sh reads in its exit trap — even when this
/// process is killed outright.
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<Process> s_live = [];
    private static bool s_hooked;

    public static void Add(Process process)
    {
        lock (s_lock)
        {
            if (!s_hooked)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
                Console.CancelKeyPress += (_, _) => KillAll();
                s_hooked = true;
            }

            s_live.Add(process);
            if (Environment.GetEnvironmentVariable("REASONINGSERVER_BENCH_PID_FILE") is { Length: > 0 } pidFile)
            {
                File.AppendAllText(pidFile, process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
            }
        }
    }

    /// <summary>
    /// Starts a program that measures and exits by itself (llama-batched-bench, our engine-only run), registered like
    /// every child, and waits for its end, sampling its peak resident memory while it runs.
    /// </summary>
    public static async Task<ChildRunResult> RunToEndAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        Add(process);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var peak = 0.0;
            while (!process.HasExited)
            {
                peak = Math.Max(peak, ProcessMemory.PeakResidentMiB(process.Id));
                await Task.Delay(50);
            }

            await process.WaitForExitAsync();
            return new ChildRunResult(process.ExitCode, await stdout, await stderr, peak);
        }
        finally
        {
            Kill(process);
        }
    }

    /// <summary>Kills one process (by its PID, with its children) and forgets it.</summary>
    public static void Kill(Process process)
    {
        lock (s_lock)
        {
            s_live.Remove(process);
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static void KillAll()
    {
        Process[] live;
        lock (s_lock)
        {
            live = [.. s_live];
        }

        foreach (var process in live)
        {
            Kill(process);
        }
    }
}
