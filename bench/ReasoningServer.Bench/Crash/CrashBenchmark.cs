using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Durability;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Bench.Crash;

/// <summary>
/// Crash durability: per ledger, rounds of mixed load (see <see cref="MixedLoad"/>) ended by a SIGKILL at a random
/// moment, then a restart on the same ledger. After every kill, every request a client saw complete (final usage
/// received) since the first round must be in the ledger once, with that usage, and the database sound; after every
/// restart the server must be ready with no error logged, and the round's stored responses readable.
/// </summary>
internal static class CrashBenchmark
{
    public const string ModelId = "tiny-test";
    private const string ApiKey = "sk-bench-crash-0123456789";

    // The kill comes this many milliseconds into a round's load: from the first requests' prefill to a busy steady state.
    private const int EarliestKillMs = 500;
    private const int LatestKillMs = 8000;

    public static async Task<int> RunAsync(CrashArguments arguments)
    {
        if (arguments.Ledgers.Contains("postgres") && arguments.Postgres is null)
        {
            Console.Error.WriteLine("--ledgers postgres needs --postgres CONNECTION or REASONINGSERVER_TEST_POSTGRES (see .ci/postgres.sh).");
            return 2;
        }

        var model = TinyModelCache.EnsureModel(TinyModelPreset.Test);
        var random = new Random(arguments.Seed);
        var results = new List<LedgerCrashResult>();
        var kinds = new ConcurrentDictionary<LoadKind, int>();
        foreach (var name in arguments.Ledgers)
        {
            await using var ledger = name == "postgres" ? await LedgerDatabase.PostgresAsync(arguments.Postgres!) : LedgerDatabase.Sqlite();
            results.Add(await RoundsAsync(arguments, model, name == "postgres" ? "PostgreSQL" : "SQLite", ledger, random, kinds));
        }

        var report = Report(arguments, results, kinds);
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(arguments.ResultsPath))!);
        await File.AppendAllTextAsync(arguments.ResultsPath, report);
        return results.All(r => r.Problems.Count == 0) ? 0 : 1;
    }

    private static async Task<LedgerCrashResult> RoundsAsync(
        CrashArguments arguments, string model, string ledgerName, LedgerDatabase ledger, Random random, ConcurrentDictionary<LoadKind, int> kinds)
    {
        var seen = new ConcurrentQueue<SeenCompletion>();
        var restarts = new List<double>();
        var problems = new List<string>();
        var integrity = new List<string>();
        var unclean = 0;
        var storedSeen = 0;
        var storedMissing = 0;
        LedgerAudit? audit = null;
        var server = await StartAsync(arguments.ServerDll, model, ledger);
        try
        {
            for (var round = 1; round <= arguments.Rounds; round++)
            {
                var before = seen.Count;
                using (var stop = new CancellationTokenSource())
                {
                    var load = MixedLoad.RunAsync(server.Http, ModelId, arguments.Workers, seen, stop.Token);
                    await Task.Delay(random.Next(EarliestKillMs, LatestKillMs)); // a random moment: mid-prefill, mid-stream, mid-commit…
                    await server.KillAsync();
                    await stop.CancelAsync();
                    await load;
                }

                await server.DisposeAsync();
                await ledger.WaitForWritersGoneAsync();
                var all = seen.ToArray();
                audit = await CrashAuditor.AuditLedgerAsync(ledger, all);
                integrity.Add(audit.Integrity);
                if (!audit.Passed)
                {
                    problems.Add($"round {round}: {audit}");
                }

                server = await StartAsync(arguments.ServerDll, model, ledger);
                restarts.Add(server.StartToFirstResponse.TotalSeconds);
                if (ErrorLines(server.Output) is { Count: > 0 } errors)
                {
                    unclean++;
                    problems.Add($"round {round}: the restart logged {string.Join(" | ", errors)}");
                }

                var thisRound = all.Skip(before).ToList();
                var missing = await CrashAuditor.MissingStoredResponsesAsync(server.Http, thisRound);
                storedSeen += thisRound.Count(s => s.ResponseId is not null);
                storedMissing += missing.Count;
                problems.AddRange(missing.Select(m => $"round {round}: stored response {m}"));
                foreach (var completion in thisRound)
                {
                    kinds.AddOrUpdate(completion.Kind, 1, (_, n) => n + 1);
                }

                Console.Error.WriteLine($"{ledgerName} round {round}/{arguments.Rounds}: +{thisRound.Count} seen complete; {audit}; restart {server.StartToFirstResponse.TotalSeconds:F1} s" +
                    (missing.Count > 0 ? $"; {missing.Count} stored responses missing" : string.Empty));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        var badIntegrity = integrity.Where(i => i != "ok").Distinct().ToList();
        return new LedgerCrashResult(ledgerName, arguments.Rounds, audit?.Seen ?? 0, audit?.Found ?? 0, audit?.Matching ?? 0, audit?.Mismatches.Count ?? 0,
            audit?.DuplicateRows ?? 0, storedSeen, storedMissing, badIntegrity.Count == 0 ? $"ok ×{integrity.Count}" : string.Join("; ", badIntegrity),
            unclean, restarts, problems);
    }

    /// <summary>The server on the ledger with the benchmark's key, ready by <c>/health/ready</c> (a probe completion would be billed).</summary>
    private static Task<ServerProcess> StartAsync(string serverDll, string model, LedgerDatabase ledger) =>
        ServerProcess.StartAsync(serverDll, model, 2048, 1, ["--api-key", ApiKey, .. ledger.Arguments], ApiKey, ModelId, readyWhenHealthy: true);

    /// <summary>Serilog's error and fatal lines (its console template writes the level as [ERR] / [FTL]).</summary>
    private static List<string> ErrorLines(string output) =>
        [.. output.Split('\n').Where(l => l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" FTL]", StringComparison.Ordinal)).Select(l => l.Trim())];

    private static string Report(CrashArguments arguments, List<LedgerCrashResult> results, ConcurrentDictionary<LoadKind, int> kinds)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## crash — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"`bash bench/crash.sh --rounds {arguments.Rounds} --ledgers {string.Join(',', arguments.Ledgers)} --seed {arguments.Seed}`: {arguments.Workers} clients of mixed load " +
            $"on the `test` tiny model, SIGKILL {EarliestKillMs / 1000.0:0.#}–{LatestKillMs / 1000.0:0.#} s into each round, restart on the same ledger; the ledger audited after every kill against every request " +
            $"seen complete since round 1. Load average {LoadAverage.Now}.");
        text.AppendLine();
        text.AppendLine("| ledger | rounds | seen complete | in ledger | usage equal | mismatches | duplicates | stored responses seen / missing | integrity | unclean restarts | restart to ready p50 / max |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Ledger} | {r.Rounds} | {r.SeenComplete} | {r.Found} | {r.Matching} | {r.Mismatches} | {r.Duplicates} | {r.StoredResponsesSeen} / {r.StoredResponsesMissing} | " +
                $"{r.Integrity} | {r.UncleanRestarts} | {Statistics.Median(r.RestartSeconds):F1} s / {r.RestartSeconds.DefaultIfEmpty().Max():F1} s |");
        }

        text.AppendLine();
        text.AppendLine("Seen complete by kind: " + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")) + ".");
        foreach (var problem in results.SelectMany(r => r.Problems.Select(p => $"{r.Ledger} {p}")).Take(30))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {problem}");
        }

        text.AppendLine();
        return text.ToString();
    }
}
