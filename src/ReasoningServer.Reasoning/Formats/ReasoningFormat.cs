namespace ReasoningServer.Reasoning.Formats;

/// <summary>
/// How a model marks its thinking section. Only the two delimiters are needed (as in vLLM's reasoning
/// parsers), so adding a family such as gpt-oss channels means adding a format, not touching the engine.
/// </summary>
public sealed record ReasoningFormat(string Name, string StartTag, string EndTag)
{
    /// <summary>DeepSeek-R1, Qwen3, QwQ and the project's tiny models.</summary>
    public static ReasoningFormat Think { get; } = new("think", "<think>", "</think>");
}
