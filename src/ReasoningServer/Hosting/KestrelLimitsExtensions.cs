using Microsoft.AspNetCore.Server.Kestrel.Core;
using ReasoningServer.Options;

namespace ReasoningServer.Hosting;

/// <summary>Kestrel's own limits from <see cref="ServerOptions"/>, so an oversized body is refused while it arrives, not after it is buffered.</summary>
internal static class KestrelLimitsExtensions
{
    public static KestrelServerOptions LimitRequestBodies(this KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var server = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        kestrel.Limits.MaxRequestBodySize = server.MaxRequestBodyBytes;
        return kestrel;
    }
}
