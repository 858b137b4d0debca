using System.ComponentModel.DataAnnotations;

namespace ReasoningServer.Options;

/// <summary>Where the HTTP server listens (section <c>Server</c>).</summary>
internal sealed class ServerOptions
{
    public const string Section = "Server";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(0, 65535)]
    public int Port { get; set; } = 8080;
}
