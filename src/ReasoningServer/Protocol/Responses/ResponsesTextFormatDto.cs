using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary><c>text.format</c>: <c>text</c>, <c>json_object</c>, or <c>json_schema</c> with its fields inline (not nested as in chat).</summary>
internal sealed class ResponsesTextFormatDto
{
    public string? Type { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Schema { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Strict { get; set; }
}
