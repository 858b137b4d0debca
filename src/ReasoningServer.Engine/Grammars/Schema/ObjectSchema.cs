namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>A JSON object whose members come in <see cref="Properties"/> order.</summary>
/// <param name="Properties">Declared properties in schema order.</param>
/// <param name="Required">Names that must be present; all are in <see cref="Properties"/>.</param>
/// <param name="Additional">The schema of members not declared, or null when there may be none.</param>
/// <param name="ClosedByDefault">Additional is null only because <c>additionalProperties</c> was left out (which JSON
/// Schema reads as "any"): the grammar narrows, but a check of what other schemas accept must not.</param>
internal sealed record ObjectSchema(
    string Path,
    IReadOnlyList<KeyValuePair<string, SchemaNode>> Properties,
    IReadOnlySet<string> Required,
    SchemaNode? Additional,
    bool ClosedByDefault) : SchemaNode(Path);
