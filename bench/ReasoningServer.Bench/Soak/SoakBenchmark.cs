using System.Diagnostics;
using System.Globalization;
using System.Text;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Soak;

/// <summary>
/// The disconnect soak against the real server executable (SQLite ledger, an API key, the `bench` tiny model):
/// <see cref="SoakDriver"/>'s clients for <c>--minutes</c>, then <see cref="SoakChecks"/>, the server's resident
/// memory one minute in vs at the end, and the normal readers' token rate in the mix vs alone.
/// </summary>
internal static class SoakBenchmark
{
    private const string ApiKey = "sk-soak-0123456789abcdef";
    private const int ContextSize = 32768;

    public static async Task<int> RunAsync(SoakArguments arguments)
    {
        if (arguments.ServerDll is null || !File.Exists(arguments.ServerDll))
        {
            Console.Error.WriteLine("--server must name the built ReasoningServer.dll (bench/soak.sh builds it).");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("reasoningserver-soak-").FullName;
        try
        {
            var model = TinyModelCache.EnsureModel(TinyModelPreset.Bench);
            string[] flags = ["--parallel", arguments.Parallel.ToString(CultureInfo.InvariantCulture), "--ledger-provider", "Sqlite", "--data-dir", folder, "--api-key", ApiKey];
            await using var server = await ServerProcess.StartAsync(arguments.ServerDll, model, ContextSize, arguments.Threads, flags, ApiKey);
            var settings = new SoakSettings(server.BaseAddress, ApiKey, "bench", arguments.Clients, TimeSpan.FromSeconds(arguments.BaselineSeconds),
                TimeSpan.FromMinutes(arguments.Minutes));

            // Resident memory every few seconds of the mix; the first reading past one minute is the reference.
            using var sampling = new CancellationTokenSource();
            // With the host-memory prefix cache beside it: that cache fills by design (up to --cache-ram), which is growth, not a leak.
            var memory = new List<(TimeSpan At, double MiB, double HostCacheMiB)>();
            var mixStarts = Stopwatch.StartNew();
            var sampler = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(settings.Baseline, sampling.Token);
                    mixStarts.Restart();
                    while (!sampling.IsCancellationRequested)
                    {
                        var hostCache = HostCacheMiB(await server.Http.GetStringAsync("/metrics", sampling.Token));
                        lock (memory)
                        {
                            memory.Add((mixStarts.Elapsed, ProcessMemory.ResidentMiB(server.ProcessId), hostCache));
                        }

                        await Task.Delay(TimeSpan.FromSeconds(5), sampling.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    // the run is over
                }
            });

            Console.WriteLine($"soak: {arguments.Clients} clients, {arguments.BaselineSeconds} s normal readers alone, then {arguments.Minutes} min of the mix");
            var run = await SoakDriver.RunAsync(settings);
            await sampling.CancelAsync();
            await sampler;
            var checks = await SoakChecks.RunAsync(server.Http, Path.Combine(folder, ReasoningServer.Accounting.Ledger.Sqlite.SqliteLedgerStore.FileName), run, TimeSpan.FromMinutes(1));
            var endMiB = ProcessMemory.ResidentMiB(server.ProcessId);
            var metrics = await server.Http.GetStringAsync("/metrics");
            var endHostCache = HostCacheMiB(metrics);
            var firstMinute = memory.FirstOrDefault(m => m.At >= TimeSpan.FromMinutes(1) || m == memory[^1]);
            var rssRatio = firstMinute.MiB > 0 ? endMiB / firstMinute.MiB : 0;
            var ownRatio = firstMinute.MiB > 0 ? (endMiB - endHostCache) / (firstMinute.MiB - firstMinute.HostCacheMiB) : 0;
            checks = [.. checks,
                new SoakCheck("RSS within ±10 % of the first minute", Math.Abs(rssRatio - 1) <= 0.10,
                    string.Create(CultureInfo.InvariantCulture, $"{firstMinute.MiB:0} MiB at {firstMinute.At.TotalSeconds:0} s, {endMiB:0} MiB at the end, x{rssRatio:0.000}")),
                new SoakCheck("RSS less the host prefix cache within ±10 %", Math.Abs(ownRatio - 1) <= 0.10,
                    string.Create(CultureInfo.InvariantCulture, $"host cache {firstMinute.HostCacheMiB:0} MiB then {endHostCache:0} MiB; the rest {firstMinute.MiB - firstMinute.HostCacheMiB:0} MiB then {endMiB - endHostCache:0} MiB, x{ownRatio:0.000}"))];

            var report = Report(arguments, run, checks, firstMinute.MiB, endMiB, memory.Count == 0 ? 0 : memory.Max(m => m.MiB), Counter(metrics, "reasoning_server_slots_pauses_total"));
            Console.WriteLine(report);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(arguments.ResultsPath))!);
            await File.AppendAllTextAsync(arguments.ResultsPath, report);
            return checks.All(c => c.Passed) ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double HostCacheMiB(string metrics) => Counter(metrics, "reasoning_server_prefix_cache_host_bytes") / (1024 * 1024);

    private static double Counter(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).Sum();

    private static string Report(SoakArguments arguments, SoakRun run, IReadOnlyList<SoakCheck> checks, double firstMinuteMiB, double endMiB, double peakMiB, double pauses)
    {
        var alone = run.NormalRate(baseline: true);
        var mixed = run.NormalRate(baseline: false);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## Disconnect soak ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {LoadAverage.Now})\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"`bash bench/soak.sh --minutes {arguments.Minutes.ToString(CultureInfo.InvariantCulture)} --clients {arguments.Clients} --parallel {arguments.Parallel}`: `bench` tiny model, {arguments.Parallel} slots, SQLite ledger, API key; {arguments.BaselineSeconds} s of normal readers alone, then {run.Elapsed.TotalMinutes:0.0} min in all.\n");
        text.AppendLine("| figure | value |");
        text.AppendLine("| --- | --- |");
        foreach (var kind in Enum.GetValues<SoakClientKind>())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| requests: {kind} | {run.Count(kind)} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| 5xx | {run.ServerErrors} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sequence pauses for slow readers | {pauses:0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| normal readers' tokens/s per stream, alone | {alone:0.0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| normal readers' tokens/s per stream, in the mix | {mixed:0.0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ratio mix / alone | {(alone > 0 ? mixed / alone : 0):0.00} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| server RSS first minute / end / peak (MiB) | {firstMinuteMiB:0} / {endMiB:0} / {peakMiB:0} |");
        text.AppendLine();
        text.AppendLine("| check | result | detail |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var check in checks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {check.Name} | {(check.Passed ? "pass" : "FAIL")} | {check.Detail.Replace('|', '/')} |");
        }

        return text.ToString();
    }
}
