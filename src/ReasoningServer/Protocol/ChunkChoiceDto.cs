using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

internal sealed class ChunkChoiceDto
{
    public required int Index { get; init; }

    public required ChunkDeltaDto Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ChatLogprobsDto? Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
