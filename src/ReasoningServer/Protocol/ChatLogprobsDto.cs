using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

internal sealed class ChatLogprobsDto
{
    public required List<TokenLogprobDto> Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<TokenLogprobDto>? Refusal => null;
}
