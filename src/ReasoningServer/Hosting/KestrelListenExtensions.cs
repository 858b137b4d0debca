using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ReasoningServer.Options;

namespace ReasoningServer.Hosting;

/// <summary>Listens where <c>Server:Host</c> / <c>Server:Port</c> say, read when the server starts so every configuration source counts.</summary>
internal static class KestrelListenExtensions
{
    public static KestrelServerOptions ListenOnConfiguredEndpoint(this KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var server = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        switch (server.Host)
        {
            case "localhost":
                kestrel.ListenLocalhost(server.Port);
                break;
            case "*" or "+":
                kestrel.ListenAnyIP(server.Port);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(server.Host), server.Port);
                break;
        }

        return kestrel;
    }
}
