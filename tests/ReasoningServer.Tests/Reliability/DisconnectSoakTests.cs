using ReasoningServer.Bench.Soak;
using ReasoningServer.Tests.Infrastructure;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

namespace ReasoningServer.Tests.Reliability;

/// <summary>
/// The short form of the disconnect soak (<c>bash bench/soak.sh</c> runs it for 10 minutes): the same clients
/// hanging up mid-stream and before the first byte, slow and normal readers, for half a minute; then the server
/// must be idle with no KV left behind, and every request in the ledger as it ended. Correctness only, no timings.
/// </summary>
[Collection(SoakServerCollection.Name)]
public sealed class DisconnectSoakTests(SoakServerFixture server)
{
    [Fact]
    public async Task After_hang_ups_and_slow_readers_the_server_is_idle_and_every_request_is_in_the_ledger()
    {
        // Slow readers with a stream short enough to finish within the run on busy cores.
        var settings = new SoakSettings(server.BaseAddress, AliceKey, ServerFixture.ModelId, Clients: 12,
            Baseline: TimeSpan.Zero, Duration: TimeSpan.FromSeconds(30), EndlessTokens: 3000, ReadTokens: 32, SlowTokens: 200,
            SlowReadPause: TimeSpan.FromMilliseconds(5));

        var run = await SoakDriver.RunAsync(settings);
        using var http = server.HttpAs(AliceKey);
        var checks = await SoakChecks.RunAsync(http, server.Ledger.SqlitePath, run, TimeSpan.FromMinutes(1), AliceId);

        Assert.All(Enum.GetValues<SoakClientKind>(), kind => Assert.True(run.Count(kind) > 0, $"no {kind} request ran"));
        var failed = checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }
}
