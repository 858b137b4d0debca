namespace ReasoningServer.Protocol.Responses;

/// <summary>A function's result sent back as input.</summary>
internal sealed class FunctionCallOutputItemDto : ResponseItemDto
{
    public required string CallId { get; init; }

    public required string Output { get; init; }

    public string Status { get; init; } = "completed";
}
