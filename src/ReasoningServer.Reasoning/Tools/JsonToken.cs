using System.Text.Json;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// One token of a streamed JSON value. <see cref="Start"/> and <see cref="End"/> are UTF-8 byte offsets from
/// the value's first byte; <see cref="Text"/> is the unescaped text of a string or property name at depth 1 or
/// less (the only ones the call readers look at).
/// </summary>
internal readonly record struct JsonToken(JsonTokenType Type, int Depth, int Start, int End, string? Text);
