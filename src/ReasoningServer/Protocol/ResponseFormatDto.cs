namespace ReasoningServer.Protocol;

/// <summary><c>response_format</c>: <c>text</c> (default), <c>json_object</c>, or <c>json_schema</c> with <see cref="JsonSchema"/>.</summary>
internal sealed class ResponseFormatDto
{
    public string? Type { get; set; }

    public JsonSchemaFormatDto? JsonSchema { get; set; }
}
