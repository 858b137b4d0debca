namespace ReasoningServer.Protocol;

/// <summary>
/// <c>GET /ui/config</c>, the one thing the web UI asks without a key: whether it must ask the user for one.
/// It tells no more than the 401 any <c>/v1</c> URL answers, and spares the page a failed request on load.
/// </summary>
internal sealed class WebUIConfigDto
{
    public required bool AuthRequired { get; init; }
}
