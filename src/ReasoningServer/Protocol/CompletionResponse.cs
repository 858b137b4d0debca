using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>A legacy completion, whole or as one streamed chunk (the object name is the same for both).</summary>
internal sealed class CompletionResponse
{
    public required string Id { get; init; }

    public string Object => "text_completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string SystemFingerprint => ProtocolConstants.SystemFingerprint;

    public required List<CompletionChoiceDto> Choices { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UsageDto? Usage { get; init; }
}
