namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>A <c>$ref</c> into the same document, resolved lazily so a schema may refer to itself.</summary>
/// <param name="Pointer">The JSON pointer after '#', "" for the whole document.</param>
internal sealed record RefSchema(string Path, string Pointer) : SchemaNode(Path);
