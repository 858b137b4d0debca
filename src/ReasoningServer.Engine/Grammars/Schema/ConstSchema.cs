using System.Text.Json;

namespace ReasoningServer.Engine.Grammars.Schema;

/// <summary>A fixed set of values: <c>enum</c>, <c>const</c>, and also <c>boolean</c> and <c>null</c>.</summary>
internal sealed record ConstSchema(string Path, IReadOnlyList<JsonElement> Values) : SchemaNode(Path);
