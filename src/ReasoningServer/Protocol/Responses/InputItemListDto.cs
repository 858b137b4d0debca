namespace ReasoningServer.Protocol.Responses;

/// <summary><c>GET /v1/responses/{id}/input_items</c>: OpenAI's list page.</summary>
internal sealed class InputItemListDto
{
    public string Object => "list";

    public required List<ResponseItemDto> Data { get; init; }

    public string? FirstId { get; init; }

    public string? LastId { get; init; }

    public bool HasMore { get; init; }
}
