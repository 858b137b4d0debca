namespace ReasoningServer.Protocol.Responses;

internal sealed class InputTextPartDto : ContentPartDto
{
    public required string Text { get; init; }
}
