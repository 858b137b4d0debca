namespace ReasoningServer.Protocol;

/// <summary>
/// Extension, <c>GET /v1/status</c>: what the server is doing right now, for the web UI's live view and for
/// anyone who would rather not parse <c>/metrics</c>. Counters are totals since the model loaded; a rate is the
/// difference of two polls over the difference of their <see cref="TimeMs"/>.
/// </summary>
internal sealed class ServerStatusDto
{
    public string Object => "server.status";

    /// <summary>The server's clock when the status was read, in Unix milliseconds.</summary>
    public required long TimeMs { get; init; }

    /// <summary>Null while the model is still loading.</summary>
    public required StatusModelDto? Model { get; init; }

    public required SlotStatusDto Slots { get; init; }

    /// <summary>Requests waiting for a slot.</summary>
    public required int QueueDepth { get; init; }

    public required KvCacheStatusDto KvCache { get; init; }

    public required TokenCountersDto Tokens { get; init; }

    /// <summary>Who is asking: the key's id and name and whether it may read the organization's usage.</summary>
    public required CallerDto Caller { get; init; }
}
