using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary>
/// The thinking of a response: <c>summary</c> holds the raw thinking when a summary was asked for (this server has no
/// summarizer), <c>encrypted_content</c> the thinking sealed for a stateless round trip when it was included.
/// </summary>
internal sealed class ReasoningItemDto : ResponseItemDto
{
    public List<SummaryTextDto> Summary { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EncryptedContent { get; set; }
}
