namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.output_text.done</c>: the part's whole text.</summary>
internal sealed class OutputTextDoneEvent : ResponseStreamEvent
{
    public required string ItemId { get; init; }

    public required int OutputIndex { get; init; }

    public int ContentIndex { get; init; }

    public required string Text { get; init; }

    public List<ResponseLogprobDto> Logprobs { get; init; } = [];
}
