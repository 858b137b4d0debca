namespace ReasoningServer.Protocol.Responses;

/// <summary>What the server keeps of a stored response: the response itself and the input items it was given.</summary>
internal sealed class StoredResponseDto
{
    public required ResponseDto Response { get; init; }

    public required List<ResponseItemDto> Input { get; init; }

    /// <summary>The raw thinking of the output's reasoning items by item id, kept whether or not the client asked to see
    /// it: a later <c>previous_response_id</c> request of the same turn (a tool-call loop) gives it back to the model.</summary>
    public Dictionary<string, string> Thinking { get; init; } = [];
}
