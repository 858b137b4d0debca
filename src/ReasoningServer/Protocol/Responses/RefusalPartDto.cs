namespace ReasoningServer.Protocol.Responses;

internal sealed class RefusalPartDto : ContentPartDto
{
    public required string Refusal { get; init; }
}
