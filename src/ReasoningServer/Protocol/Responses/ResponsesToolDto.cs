using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary>A tool of a Responses request: function tools (flat, unlike chat's nested <c>function</c>) are what this server runs.</summary>
internal sealed class ResponsesToolDto
{
    public string? Type { get; set; }

    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Parameters { get; set; }

    public bool? Strict { get; set; }
}
