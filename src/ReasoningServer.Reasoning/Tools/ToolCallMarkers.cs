namespace ReasoningServer.Reasoning.Tools;

/// <summary>The literal markers of each family, as the models' chat templates write them.</summary>
internal static class ToolCallMarkers
{
    public const string HermesCallStart = "<tool_call>";
    public const string HermesCallEnd = "</tool_call>";

    // DeepSeek's markers use FULLWIDTH VERTICAL LINE (U+FF5C) and LOWER ONE EIGHTH BLOCK (U+2581).
    public const string DeepSeekCallsBegin = "<｜tool▁calls▁begin｜>";
    public const string DeepSeekCallsEnd = "<｜tool▁calls▁end｜>";
    public const string DeepSeekCallBegin = "<｜tool▁call▁begin｜>";
    public const string DeepSeekCallEnd = "<｜tool▁call▁end｜>";
    public const string DeepSeekSeparator = "<｜tool▁sep｜>";
    public const string DeepSeekTypeWord = "function";

    /// <summary>
    /// Spellings of the calls-begin marker that R1 distills write when they emit it as text rather than as the
    /// special token (the same list llama.cpp accepts), the canonical one first.
    /// </summary>
    public static readonly string[] DeepSeekCallsBeginVariants =
    [
        DeepSeekCallsBegin,
        "<｜tool_calls_begin｜>",
        "<｜tool calls begin｜>",
        "<｜tool\\_calls\\_begin｜>",
        "<｜tool▁calls｜>",
    ];

    public const string LlamaPythonTag = "<|python_tag|>";
    public const string LlamaCallSeparator = ";";
}
