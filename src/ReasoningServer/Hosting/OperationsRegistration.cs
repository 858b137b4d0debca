using Microsoft.Extensions.Options;
using ReasoningServer.Health;
using ReasoningServer.Metrics;

namespace ReasoningServer.Hosting;

/// <summary>What an operator watches and drives: metrics, health checks, graceful shutdown.</summary>
internal static class OperationsRegistration
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<PrometheusExporter>();
        services.AddHealthChecks()
            .AddCheck<ModelLoadedHealthCheck>("model", tags: [ReadyTag])
            .AddCheck<LedgerHealthCheck>("ledger", tags: [ReadyTag])
            .AddCheck<DrainingHealthCheck>("draining", tags: [ReadyTag]);
        services.AddSingleton<IConfigureOptions<HostOptions>, HostShutdownOptionsSetup>();
        services.AddHostedService<GracefulShutdown>();
        return services;
    }
}
