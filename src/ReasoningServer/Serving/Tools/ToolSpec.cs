using System.Text.Json;

namespace ReasoningServer.Serving.Tools;

/// <summary>A function the model may call, validated.</summary>
/// <param name="Definition">The tool as the client sent it (<c>{"type": "function", "function": {...}}</c>), for the chat template.</param>
/// <param name="Parameters">The arguments' JSON Schema; null for a function without arguments.</param>
/// <param name="Index">Its place in the request's <c>tools</c>, for error messages.</param>
/// <param name="Strict">The arguments must follow the schema: enforced with a grammar whenever the model calls it.</param>
internal sealed record ToolSpec(string Name, int Index, JsonElement Definition, JsonElement? Parameters, bool Strict);
