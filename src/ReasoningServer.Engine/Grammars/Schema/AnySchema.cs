namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>Any JSON value: <c>{}</c>, <c>true</c>, or a schema of annotations only.</summary>
internal sealed record AnySchema(string Path) : SchemaNode(Path);
