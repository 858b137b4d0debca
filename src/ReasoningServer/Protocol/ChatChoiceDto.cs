using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

internal sealed class ChatChoiceDto
{
    public required int Index { get; init; }

    public required ChatResponseMessageDto Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ChatLogprobsDto? Logprobs { get; init; }

    public required string FinishReason { get; init; }
}
