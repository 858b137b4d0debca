namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.output_item.added</c> / <c>.done</c>.</summary>
internal sealed class OutputItemEvent : ResponseStreamEvent
{
    public required int OutputIndex { get; init; }

    public required ResponseItemDto Item { get; init; }
}
