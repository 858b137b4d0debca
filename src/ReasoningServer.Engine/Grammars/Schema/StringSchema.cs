namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>A JSON string; lengths count Unicode code points, as JSON Schema does.</summary>
/// <param name="Pattern">A regular expression the value must match, or null.</param>
/// <param name="Format">One of <see cref="StringFormats.Supported"/>, or null.</param>
internal sealed record StringSchema(string Path, int MinLength, int? MaxLength, string? Pattern, string? Format)
    : SchemaNode(Path);
