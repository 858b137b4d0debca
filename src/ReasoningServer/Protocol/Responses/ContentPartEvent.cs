namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.content_part.added</c> / <c>.done</c>.</summary>
internal sealed class ContentPartEvent : ResponseStreamEvent
{
    public required string ItemId { get; init; }

    public required int OutputIndex { get; init; }

    public int ContentIndex { get; init; }

    public required ContentPartDto Part { get; init; }
}
