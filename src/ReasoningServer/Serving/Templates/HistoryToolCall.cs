using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Serving.Templates;

/// <summary>A tool call of an assistant turn in the history: its name, arguments as JSON text, and its template value.</summary>
internal sealed record HistoryToolCall(string Name, string Arguments, JinjaValue Value);
