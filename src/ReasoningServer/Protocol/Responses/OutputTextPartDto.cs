using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

internal sealed class OutputTextPartDto : ContentPartDto
{
    public required string Text { get; set; }

    public List<object> Annotations { get; init; } = [];

    /// <summary>With <c>include: ["message.output_text.logprobs"]</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ResponseLogprobDto>? Logprobs { get; set; }
}
