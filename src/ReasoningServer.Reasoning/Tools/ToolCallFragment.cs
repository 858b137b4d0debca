namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// One streamed piece of a tool call, shaped like OpenAI's <c>delta.tool_calls[]</c> entry: the first fragment
/// of a call carries its <see cref="Id"/> and <see cref="Name"/> (and perhaps the first arguments); later ones
/// carry only argument text. The concatenation of a call's pieces is its final <see cref="ParsedToolCall.ArgumentsJson"/>.
/// </summary>
public readonly record struct ToolCallFragment(int Index, string? Id, string? Name, string ArgumentsPiece);
