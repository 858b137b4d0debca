namespace ReasoningServer.Protocol.Responses;

/// <summary><c>error</c>: a failure after the stream started, in OpenAI's event shape.</summary>
internal sealed class StreamErrorEvent : ResponseStreamEvent
{
    public required string? Code { get; init; }

    public required string Message { get; init; }

    public required string? Param { get; init; }
}
