using System.ComponentModel.DataAnnotations;

namespace ReasoningServer.Options;

/// <summary>Where the HTTP server listens and how it shuts down (section <c>Server</c>).</summary>
internal sealed class ServerOptions
{
    public const string Section = "Server";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>
    /// On SIGTERM, how long requests in flight may run on before they are cut (and billed as cancelled). New
    /// connections are refused from the start of the drain.
    /// </summary>
    [Range(0, 3600)]
    public int DrainSeconds { get; set; } = 30;

    /// <summary>
    /// On SIGTERM, how long the server keeps serving with <c>/health/ready</c> already answering 503 before it
    /// stops accepting: time for a load balancer or Kubernetes to take it out of rotation.
    /// </summary>
    [Range(0, 600)]
    public int UnreadySeconds { get; set; }

    /// <summary>
    /// The largest request body Kestrel accepts, counted as it arrives (so a chunked body is cut too); larger ones are
    /// answered 413 in OpenAI's shape before they are read whole. A 128k-token prompt is well under 1 MiB of text.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    public const long DefaultMaxRequestBodyBytes = 8 * 1024 * 1024;
}
