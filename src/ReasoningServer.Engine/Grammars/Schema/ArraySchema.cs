namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>A JSON array: <see cref="Prefix"/> items first, then items of <see cref="Items"/>.</summary>
/// <param name="Prefix">Schemas of the leading items (<c>prefixItems</c>).</param>
/// <param name="Items">The schema of items after the prefix, or null when there may be none.</param>
/// <param name="ClosedByDefault">Items is null only because <c>items</c> was left out after a prefix.</param>
internal sealed record ArraySchema(
    string Path,
    IReadOnlyList<SchemaNode> Prefix,
    SchemaNode? Items,
    int MinItems,
    int? MaxItems,
    bool ClosedByDefault) : SchemaNode(Path);
