using Microsoft.Extensions.Options;
using ReasoningServer.Options;

namespace ReasoningServer.Hosting;

/// <summary>
/// The first step of shutdown. SIGTERM makes <c>/health/ready</c> answer 503 at once (see
/// <c>DrainingHealthCheck</c>); this waits <see cref="ServerOptions.UnreadySeconds"/> while still serving,
/// before the host stops Kestrel, which refuses new connections and lets requests in flight finish until
/// <see cref="ServerOptions.DrainSeconds"/> have passed (the host's shutdown timeout), then cuts them. The
/// engine stops after Kestrel, and the ledger writer drains last, when the container disposes it.
/// </summary>
internal sealed partial class GracefulShutdown(IOptions<ServerOptions> options, ILogger<GracefulShutdown> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        LogDraining(options.Value.UnreadySeconds, options.Value.DrainSeconds);
        if (options.Value.UnreadySeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.UnreadySeconds), cancellationToken);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        LogStopped();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: not ready from now on; serving {UnreadySeconds} s more, then draining requests in flight for up to {DrainSeconds} s")]
    private partial void LogDraining(int unreadySeconds, int drainSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped: no request in flight, engine stopped; flushing the usage ledger")]
    private partial void LogStopped();
}
