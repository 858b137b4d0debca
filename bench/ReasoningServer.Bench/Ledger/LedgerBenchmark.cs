using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Accounting.Ledger.Postgres;
using ReasoningServer.Accounting.Ledger.Sqlite;
using ReasoningServer.Accounting.Usage;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Ledger;

/// <summary>
/// What accounting costs. (1) Ledger write throughput through <see cref="LedgerWriter"/>: many records
/// queued at once (batched commits, the server under load) and one record at a time waiting for its
/// commit (what a lone request waits for). (2) Added latency per request: p50 of sequential one-token
/// chat completions against the real server with no ledger and no keys, then with a key and the
/// SQLite (and PostgreSQL) ledger.
/// </summary>
internal static class LedgerBenchmark
{
    private const string ApiKey = "sk-bench-0123456789";

    public static async Task<int> RunAsync(BenchArguments arguments, string? postgres, int records, int requests)
    {
        if (arguments.ServerDll is null || !File.Exists(arguments.ServerDll))
        {
            Console.Error.WriteLine("--server must name the built ReasoningServer.dll (bench/ledger.sh builds it).");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("reasoningserver-ledger-bench-").FullName;
        try
        {
            var rows = new List<string>();
            rows.Add(await ThroughputAsync("SQLite (WAL, synchronous=FULL)", new SqliteLedgerStore(Path.Combine(folder, "throughput")), records));
            if (postgres is not null)
            {
                rows.Add(await ThroughputAsync("PostgreSQL", new PostgresLedgerStore(postgres), records));
            }

            var model = TinyModelCache.EnsureModel(TinyModelPreset.Test);
            var latencies = new List<(string Setup, double P50)>
            {
                ("no keys, no ledger", await P50Async(arguments, model, ["--ledger-provider", "None"], null, requests)),
                ("API key + SQLite ledger", await P50Async(arguments, model, ["--ledger-provider", "Sqlite", "--data-dir", Path.Combine(folder, "server"), "--api-key", ApiKey], ApiKey, requests)),
            };
            if (postgres is not null)
            {
                latencies.Add(("API key + PostgreSQL ledger", await P50Async(arguments, model, ["--ledger-provider", "Postgres", "--ledger-connection", postgres, "--api-key", ApiKey], ApiKey, requests)));
            }

            var report = Report(records, requests, rows, latencies);
            Console.WriteLine(report);
            if (arguments.ResultsPath is { } results)
            {
                await File.AppendAllTextAsync(results, report);
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> ThroughputAsync(string name, LedgerStore store, int records)
    {
        await using (store)
        {
            await store.MigrateAsync(CancellationToken.None);
            var run = Guid.NewGuid().ToString("N")[..8];
            UsageRecord Record(string kind, int i) => new($"req_bench_{run}_{kind}_{i}", "key_bench", "bench", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
                new TokenUsage(100, 0, 300, 50), 1, ["stop"], RequestOutcome.Completed, 123_000);

            var batched = Stopwatch.StartNew();
            await using (var writer = new LedgerWriter(store, capacity: 10_000, batchSize: 256, NullLogger<LedgerWriter>.Instance))
            {
                await Task.WhenAll(Enumerable.Range(0, records).Select(i => writer.RecordAsync(Record("batched", i))));
            }

            var batchedRate = records / batched.Elapsed.TotalSeconds;
            var sequentialRecords = Math.Max(1, records / 20);
            var sequential = Stopwatch.StartNew();
            await using (var writer = new LedgerWriter(store, capacity: 10_000, batchSize: 256, NullLogger<LedgerWriter>.Instance))
            {
                for (var i = 0; i < sequentialRecords; i++)
                {
                    await writer.RecordAsync(Record("one", i));
                }
            }

            var perCommit = sequential.Elapsed.TotalMilliseconds / sequentialRecords;
            Console.WriteLine($"{name}: {batchedRate:0} records/s batched, {1000 / perCommit:0} records/s one at a time ({perCommit:0.00} ms per commit)");
            return string.Create(CultureInfo.InvariantCulture, $"| {name} | {batchedRate:0} | {1000 / perCommit:0} | {perCommit:0.00} |");
        }
    }

    private static async Task<double> P50Async(BenchArguments arguments, string model, string[] flags, string? apiKey, int requests)
    {
        await using var server = await ServerProcess.StartAsync(arguments.ServerDll!, model, 2048, arguments.Threads, flags, apiKey);
        await server.LatenciesAsync(10); // warm-up
        var sorted = (await server.LatenciesAsync(requests)).Order().ToList();
        var p50 = sorted[sorted.Count / 2];
        Console.WriteLine($"{string.Join(' ', flags.Where(f => !f.Contains('=', StringComparison.Ordinal)))}: p50 {p50:0.00} ms over {requests} requests");
        return p50;
    }

    private static string Report(int records, int requests, List<string> rows, List<(string Setup, double P50)> latencies)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### Accounting: ledger throughput and added latency ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores. Throughput: {records} records queued at once (batches of up to 256 per transaction), then {Math.Max(1, records / 20)} written one at a time, each awaited.\n");
        text.AppendLine("| ledger | records/s, batched | records/s, one at a time | ms per commit |");
        text.AppendLine("|---|---:|---:|---:|");
        rows.ForEach(r => text.AppendLine(r));
        text.AppendLine(CultureInfo.InvariantCulture, $"\nLatency: p50 of {requests} sequential one-token chat completions (JSON), `test` tiny model, one run each.\n");
        text.AppendLine("| server | p50 ms | added |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (setup, p50) in latencies)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {setup} | {p50:0.00} | {p50 - latencies[0].P50:+0.00;-0.00;0.00} |");
        }

        return text.ToString();
    }
}
