namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.created</c>, <c>.in_progress</c>, <c>.completed</c>, <c>.incomplete</c>, <c>.failed</c>: the whole response so far.</summary>
internal sealed class ResponseLifecycleEvent : ResponseStreamEvent
{
    public required ResponseDto Response { get; init; }
}
