namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>One of several alternatives: <c>anyOf</c>, a disjoint <c>oneOf</c>, a type array, <c>nullable</c>.</summary>
internal sealed record UnionSchema(string Path, IReadOnlyList<SchemaNode> Alternatives) : SchemaNode(Path);
