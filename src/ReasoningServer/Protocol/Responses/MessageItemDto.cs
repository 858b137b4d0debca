namespace ReasoningServer.Protocol.Responses;

/// <summary>A message: the assistant's <c>output_text</c> in output; any role's text in input.</summary>
internal sealed class MessageItemDto : ResponseItemDto
{
    public string Status { get; set; } = "completed";

    public required string Role { get; init; }

    public List<ContentPartDto> Content { get; init; } = [];
}
