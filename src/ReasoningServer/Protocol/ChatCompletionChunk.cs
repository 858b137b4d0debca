using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>One SSE event of a streamed chat completion.</summary>
internal sealed class ChatCompletionChunk
{
    public required string Id { get; init; }

    public string Object => "chat.completion.chunk";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string SystemFingerprint => ProtocolConstants.SystemFingerprint;

    public required List<ChunkChoiceDto> Choices { get; init; }

    /// <summary>Null on every chunk but the last one when <c>stream_options.include_usage</c> is set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public UsageDto? Usage { get; init; }
}
