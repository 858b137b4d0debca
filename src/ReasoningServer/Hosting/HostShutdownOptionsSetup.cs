using Microsoft.Extensions.Options;
using ReasoningServer.Options;

namespace ReasoningServer.Hosting;

/// <summary>
/// The host's own settings from <see cref="ServerOptions"/>: its shutdown timeout is the unready time plus the
/// drain time; services start together, so Kestrel listens (and <c>/health/ready</c> answers 503) while the
/// model loads.
/// </summary>
internal sealed class HostShutdownOptionsSetup(IOptions<ServerOptions> server) : IConfigureOptions<HostOptions>
{
    public void Configure(HostOptions options)
    {
        options.ShutdownTimeout = TimeSpan.FromSeconds(server.Value.UnreadySeconds + server.Value.DrainSeconds);
        options.ServicesStartConcurrently = true;
        options.ServicesStopConcurrently = false;
    }
}
