using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReasoningServer.Health;

/// <summary>Unready from the moment shutdown begins (SIGTERM), so load balancers stop sending before the listener closes.</summary>
internal sealed class DrainingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("shutting down: draining in-flight requests")
            : HealthCheckResult.Healthy());
}
