namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.reasoning_summary_part.added</c> / <c>.done</c>.</summary>
internal sealed class ReasoningSummaryPartEvent : ResponseStreamEvent
{
    public required string ItemId { get; init; }

    public required int OutputIndex { get; init; }

    public int SummaryIndex { get; init; }

    public required SummaryTextDto Part { get; init; }
}
