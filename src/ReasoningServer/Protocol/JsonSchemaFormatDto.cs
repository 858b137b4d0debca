using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>The <c>json_schema</c> of a structured-output request.</summary>
internal sealed class JsonSchemaFormatDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Schema { get; set; }

    /// <summary>Accepted for compatibility: this server enforces every schema it accepts, strict or not.</summary>
    public bool? Strict { get; set; }
}
