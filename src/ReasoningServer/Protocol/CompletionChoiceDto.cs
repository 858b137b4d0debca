using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

internal sealed class CompletionChoiceDto
{
    public required string Text { get; init; }

    public required int Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public CompletionLogprobsDto? Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
