using System.Globalization;
using System.Net;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Fuzzing;

namespace ReasoningServer.Bench.Fuzz;

/// <summary>
/// The fuzz run: the real server executable on the <c>test</c> tiny model with an API key, ≥10,000 generated bad
/// requests against every route from one seed, slow-loris connections held alongside, then the verdicts, the
/// server's liveness and its resident memory before and after.
/// </summary>
internal static class FuzzBenchmark
{
    private const string ApiKey = "sk-fuzz-0123456789abcdef";
    private const string ModelId = "tiny-test";

    public static async Task<int> RunAsync(FuzzArguments arguments)
    {
        if (arguments.Dump is { } id)
        {
            // The stored response id is the only input that differs between runs; a placeholder stands in.
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(new FuzzGenerator(arguments.Seed, ModelId, ApiKey, "resp_stored").Case(id).Request);
            return 0;
        }

        if (arguments.ServerDll is null || !File.Exists(arguments.ServerDll))
        {
            Console.Error.WriteLine("--server must name the built ReasoningServer.dll (bench/fuzz.sh builds it).");
            return 2;
        }

        Console.WriteLine($"fuzz: seed {arguments.Seed}, {arguments.Cases} cases, {arguments.Concurrency} connections at once");
        var data = Directory.CreateTempSubdirectory("reasoningserver-fuzz-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(arguments.ServerDll, TinyModelCache.EnsureModel(TinyModelPreset.Test), 2048, 0,
                ["--api-key", ApiKey, "--data-dir", data, "--parallel", "4"], ApiKey, ModelId);
            var endpoint = new IPEndPoint(IPAddress.Loopback, server.BaseAddress.Port);
            var stored = await FuzzRunner.CreateStoredResponseAsync(endpoint, ModelId, ApiKey);
            var rssBefore = ProcessMemory.ResidentMiB(server.ProcessId);

            using var stopLoris = new CancellationTokenSource();
            var loris = new SlowLorisProbe(endpoint, arguments.SlowLoris);
            var lorisRun = loris.RunAsync(stopLoris.Token);
            var report = new FuzzReport(arguments.Seed);
            var rssAfterRounds = new List<double>(); // the last round's is the run's "after", measured below
            for (var round = 0; round < arguments.Rounds && !server.HasExited; round++)
            {
                var seed = arguments.Seed + round;
                var generator = new FuzzGenerator(seed, ModelId, ApiKey, stored);
                var roundReport = await FuzzRunner.RunAsync(generator.Generate(arguments.Cases), seed, endpoint, arguments.Concurrency,
                    TimeSpan.FromSeconds(arguments.TimeoutSeconds), () => !server.HasExited, done => Console.WriteLine($"  seed {seed}: {done} cases"));
                SaveFindings(arguments.FindingsFolder, roundReport); // named by the round's seed, so --dump finds them
                report.Absorb(roundReport);
                if (round < arguments.Rounds - 1 && !server.HasExited)
                {
                    await FuzzRunner.WaitForIdleAsync(endpoint, ApiKey, TimeSpan.FromSeconds(30));
                    rssAfterRounds.Add(ProcessMemory.ResidentMiB(server.ProcessId));
                }
            }

            await stopLoris.CancelAsync();
            await lorisRun;

            var alive = !server.HasExited && await AnswersAsync(server);
            var (busy, queued) = alive ? await FuzzRunner.WaitForIdleAsync(endpoint, ApiKey, TimeSpan.FromSeconds(30)) : (-1, -1);
            var rssAfter = alive ? ProcessMemory.ResidentMiB(server.ProcessId) : 0;
            var peak = ProcessMemory.PeakResidentMiB(server.ProcessId);
            List<(string, string)> rows =
            [
                ("server alive after the run (crashes)", alive ? "yes (0 crashes)" : "NO (crashed)"),
                ("busy slots / queued requests after the run", $"{busy} / {queued}"),
                ("slow-loris connections cut by the server", $"{loris.CutByServer} of {loris.Connections} (longest held {loris.LongestHeld.TotalSeconds:F0} s)"),
                ("server RSS before → after (peak)", string.Create(CultureInfo.InvariantCulture, $"{rssBefore:F0} MiB → {rssAfter:F0} MiB ({peak:F0} MiB)")),
            ];
            if (arguments.Rounds > 1)
            {
                rows.Add(("rounds (seeds)", $"{arguments.Rounds} × {arguments.Cases} cases ({arguments.Seed}–{arguments.Seed + arguments.Rounds - 1})"));
                rows.Add(("server RSS after each round, idle", string.Join(", ", rssAfterRounds.Append(rssAfter).Select(m => m.ToString("F0", CultureInfo.InvariantCulture))) + " MiB"));
            }

            var table = report.ToMarkdown(rows);
            foreach (var finding in report.Findings)
            {
                Console.WriteLine(finding);
            }

            var rounds = arguments.Rounds > 1 ? $" --rounds {arguments.Rounds}" : string.Empty;
            var section = $"""

                ## fuzz, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores

                `bash bench/fuzz.sh --seed {arguments.Seed} --cases {arguments.Cases}{rounds} --concurrency {arguments.Concurrency}`

                {table}
                """;
            Console.WriteLine(section);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(arguments.ResultsPath))!);
            await File.AppendAllTextAsync(arguments.ResultsPath, section);
            return report.Clean && alive && busy == 0 && queued == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<bool> AnswersAsync(ServerProcess server)
    {
        try
        {
            using var response = await server.Http.GetAsync("/health/live");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Each finding's exact request bytes, named for its case, to curate into the replayed corpus.</summary>
    private static void SaveFindings(string? folder, FuzzReport report)
    {
        if (folder is null) return;
        Directory.CreateDirectory(folder);
        foreach (var finding in report.Findings)
        {
            var name = $"{report.Seed}-{finding.Case.Id}-{finding.Verdict}.{finding.Case.Delivery.ToString().ToLowerInvariant()}.http";
            File.WriteAllBytes(Path.Combine(folder, name), finding.Case.Request);
        }
    }
}
