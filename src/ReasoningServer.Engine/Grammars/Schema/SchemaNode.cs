namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>
/// A JSON Schema reduced to what a grammar can express: every keyword has been checked and folded into one of
/// the node kinds, so the grammar writer never sees raw keywords. <see cref="Path"/> is the JSON pointer of the
/// schema object the node came from, for error messages.
/// </summary>
internal abstract record SchemaNode(string Path);
