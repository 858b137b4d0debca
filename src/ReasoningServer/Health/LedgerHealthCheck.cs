using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningServer.Billing;

namespace ReasoningServer.Health;

/// <summary>
/// Ready while the usage ledger answers a trivial query: a replica that cannot record usage must not take
/// traffic, because a completed response waits for its record's commit.
/// </summary>
internal sealed class LedgerHealthCheck(UsageLedger ledger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (ledger.Store is not { } store)
        {
            return HealthCheckResult.Healthy("no ledger configured");
        }

        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy(ledger.Description);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{ledger.Description} does not answer: {e.Message}");
        }
    }
}
