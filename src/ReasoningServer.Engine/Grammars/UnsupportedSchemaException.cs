namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// A JSON Schema that cannot be turned into a grammar: a keyword we cannot express, a malformed schema, or one past
/// the <see cref="JsonSchemaGrammarLimits"/>. The schema is refused rather than loosened, so generated output never
/// violates a constraint that was quietly dropped.
/// </summary>
public sealed class UnsupportedSchemaException(string keyword, string path, string message)
    : Exception($"{message} (keyword '{keyword}' at '{(path.Length == 0 ? "#" : path)}')")
{
    /// <summary>The keyword at fault, e.g. <c>patternProperties</c>.</summary>
    public string Keyword { get; } = keyword;

    /// <summary>JSON pointer of the schema object holding the keyword, e.g. <c>/properties/a</c> ("" for the root).</summary>
    public string Path { get; } = path;

    /// <summary>The reason without the keyword and path suffix.</summary>
    public string Reason { get; } = message;
}
