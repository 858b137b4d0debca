using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary>One typed event of a streamed response; <c>sequence_number</c> counts the stream's events from 0.</summary>
internal abstract class ResponseStreamEvent
{
    /// <summary>The event's name, e.g. <c>response.output_text.delta</c>; also the SSE <c>event:</c> field.</summary>
    [JsonPropertyOrder(-2)]
    public required string Type { get; init; }

    [JsonPropertyOrder(-1)]
    public int SequenceNumber { get; set; }
}
