namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.output_text.delta</c>.</summary>
internal sealed class OutputTextDeltaEvent : ResponseStreamEvent
{
    public required string ItemId { get; init; }

    public required int OutputIndex { get; init; }

    public int ContentIndex { get; init; }

    public required string Delta { get; init; }

    public List<ResponseLogprobDto> Logprobs { get; init; } = [];
}
