namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>No value at all: <c>false</c>, or constraints that contradict each other.</summary>
internal sealed record NeverSchema(string Path, string Keyword, string Reason) : SchemaNode(Path);
