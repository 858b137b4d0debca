using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.reasoning_summary_text.delta</c> (with <see cref="Delta"/>) / <c>.done</c> (with <see cref="Text"/>).</summary>
internal sealed class ReasoningSummaryTextEvent : ResponseStreamEvent
{
    public required string ItemId { get; init; }

    public required int OutputIndex { get; init; }

    public int SummaryIndex { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }
}
