using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

internal sealed class ChatResponseMessageDto
{
    public string Role => "assistant";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required string? Content { get; init; }

    /// <summary>Extension (DeepSeek, llama-server): the thinking, when the request asked for it.</summary>
    public string? ReasoningContent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Refusal => null;

    /// <summary>The calls the model made; absent when it made none.</summary>
    public List<ToolCallDto>? ToolCalls { get; init; }
}
