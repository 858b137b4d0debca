namespace ReasoningServer.Reasoning.Tools;

/// <summary>One tool call read from the answer.</summary>
/// <param name="Id">The call's id (<c>call_</c> + 24 alphanumerics unless the host supplies its own).</param>
/// <param name="Name">A declared tool's name.</param>
/// <param name="ArgumentsJson">
/// The arguments object exactly as the model wrote it (not re-serialised), which is also the concatenation of
/// the call's streamed argument pieces. Valid JSON whenever <paramref name="IsComplete"/> is true.
/// </param>
/// <param name="IsComplete">
/// False when the call was cut off (end of generation, e.g. max_tokens) or broke after its name was sent;
/// <paramref name="ArgumentsJson"/> is then what the model wrote before that point and usually not valid JSON.
/// </param>
public sealed record ParsedToolCall(string Id, string Name, string ArgumentsJson, bool IsComplete = true);
