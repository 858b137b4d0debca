using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ReasoningServer.Fuzzing;

/// <summary>Sends generated cases with a few connections at once and judges every response.</summary>
public static class FuzzRunner
{
    /// <summary>One stored response to aim the GET, DELETE, input_items and cancel routes at.</summary>
    public static async Task<string> CreateStoredResponseAsync(IPEndPoint server, string model, string apiKey)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","input":"Hi","max_output_tokens":2,"store":true}""");
        var envelope = new FuzzEnvelope { Method = "POST", Target = "/v1/responses", Authorization = $"Bearer {apiKey}", ContentType = "application/json" };
        var request = new FuzzCase(-1, "setup", "POST", "/v1/responses", HttpRequestWriter.Write(envelope, body, new Random(0)), FuzzDelivery.Whole, false);
        var outcome = await new RawHttpClient(server, TimeSpan.FromMinutes(1)).SendAsync(request);
        if (outcome.Status != 200)
        {
            throw new InvalidOperationException($"Could not create a stored response: {outcome.Key} {Encoding.UTF8.GetString(outcome.Body)}");
        }

        using var document = JsonDocument.Parse(outcome.Body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Busy slots and queued requests from <c>/v1/status</c>, polled until both are 0 or <paramref name="wait"/> is over:
    /// every cancelled or refused request must give its slot back.
    /// </summary>
    public static async Task<(int BusySlots, int Queued)> WaitForIdleAsync(IPEndPoint server, string apiKey, TimeSpan wait)
    {
        var envelope = new FuzzEnvelope { Method = "GET", Target = "/v1/status", Authorization = $"Bearer {apiKey}" };
        var request = new FuzzCase(-1, "status", "GET", "/v1/status", HttpRequestWriter.Write(envelope, [], new Random(0)), FuzzDelivery.Whole, false);
        var client = new RawHttpClient(server, TimeSpan.FromSeconds(30));
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var outcome = await client.SendAsync(request);
            using var document = JsonDocument.Parse(outcome.Body);
            var busy = document.RootElement.GetProperty("slots").GetProperty("busy").GetInt32();
            var queued = document.RootElement.GetProperty("queue_depth").GetInt32();
            if ((busy == 0 && queued == 0) || deadline.Elapsed > wait)
            {
                return (busy, queued);
            }

            await Task.Delay(200);
        }
    }

    /// <param name="serverAlive">Checked between cases: once the server is gone the run stops, as a crash.</param>
    public static async Task<FuzzReport> RunAsync(IEnumerable<FuzzCase> cases, int seed, IPEndPoint server, int concurrency, TimeSpan timeout,
        Func<bool> serverAlive, Action<int>? progress = null)
    {
        var report = new FuzzReport(seed);
        var client = new RawHttpClient(server, timeout);
        var started = Stopwatch.StartNew();
        var done = 0;
        using var source = cases.GetEnumerator();
        var gate = new object();
        bool Next(out FuzzCase next)
        {
            lock (gate)
            {
                var has = source.MoveNext();
                next = has ? source.Current : null!;
                return has;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (serverAlive() && Next(out var fuzzCase))
            {
                report.Add(fuzzCase, await client.SendAsync(fuzzCase));
                var count = Interlocked.Increment(ref done);
                if (count % 500 == 0) progress?.Invoke(count);
            }
        })));
        report.Duration = started.Elapsed;
        return report;
    }
}
