using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>
/// A chunk of a stream that asked for <c>stream_options.include_usage</c>: every chunk carries
/// <c>"usage": null</c>, and one last chunk with no choices carries the usage.
/// </summary>
internal sealed class ChatCompletionChunkWithUsage : ChatCompletionChunk
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public UsageDto? Usage { get; init; }
}
