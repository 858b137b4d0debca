namespace ReasoningServer.Protocol.Responses;

/// <summary>The answer to <c>DELETE /v1/responses/{id}</c>.</summary>
internal sealed class ResponseDeletedDto
{
    public required string Id { get; init; }

    public string Object => "response";

    public bool Deleted => true;
}
