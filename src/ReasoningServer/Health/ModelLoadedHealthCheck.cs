using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningServer.Serving;

namespace ReasoningServer.Health;

/// <summary>Ready once the model has loaded and its engine runs; unhealthy (503) while it loads.</summary>
internal sealed class ModelLoadedHealthCheck(ModelHost models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.Current is { } model
            ? HealthCheckResult.Healthy($"serving {model.Id}")
            : HealthCheckResult.Unhealthy("the model is loading"));
}
