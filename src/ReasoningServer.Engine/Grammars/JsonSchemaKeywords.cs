namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// The keywords the converter knows. Anything else in a schema object is refused by name, so no constraint is
/// ever dropped without the caller hearing of it. The host's documentation publishes these lists.
/// </summary>
public static class JsonSchemaKeywords
{
    /// <summary>Keywords turned into grammar.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "enum", "const", "nullable",
        "properties", "required", "additionalProperties",
        "items", "prefixItems", "additionalItems", "minItems", "maxItems",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "$ref", "$defs", "definitions", "anyOf", "oneOf", "allOf",
    };

    /// <summary>Keywords that describe but do not constrain a value, accepted and ignored.</summary>
    public static IReadOnlySet<string> Ignored { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "description", "$schema", "$id", "$anchor", "$comment", "examples", "example", "default",
        "deprecated", "readOnly", "writeOnly", "contentEncoding", "contentMediaType", "discriminator",
    };

    /// <summary>The string formats that are supported; any other <c>format</c> is refused.</summary>
    public static IReadOnlySet<string> SupportedFormats => StringFormats.Supported;

    internal static bool IsKnown(string keyword) => Supported.Contains(keyword) || Ignored.Contains(keyword);
}
