using static ReasoningServer.Reasoning.Tools.ToolCallMarkers;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// How one model family writes tool calls: which parser reads them, and the canonical text a grammar builder
/// forces. A grammar for a call is <c>CallStart NAME NameEnd ARGUMENTS CallEnd</c>; several calls are
/// <c>SectionStart call (CallSeparator call)* SectionEnd</c>. The parser accepts more than this canonical text
/// (whitespace, missing closing markers, marker spellings real models write), the grammar should force exactly it.
/// </summary>
/// <param name="Family">Which parser reads the output.</param>
/// <param name="Name">A short name for logs and configuration.</param>
/// <param name="SectionStart">Text before the first call ("" when each call stands alone).</param>
/// <param name="CallStart">Text before each call's name.</param>
/// <param name="NameEnd">Text between the name and the arguments object.</param>
/// <param name="CallEnd">Text after the arguments object.</param>
/// <param name="CallSeparator">Text between two calls.</param>
/// <param name="SectionEnd">Text after the last call.</param>
/// <param name="NameIsJsonString">The name sits inside a JSON string, so the grammar must write it JSON-escaped.</param>
/// <param name="ParallelCalls">The template renders several calls in one message (the model was taught them).</param>
/// <param name="CallsOnlyAtAnswerStart">A call counts only as the first text of the answer; later JSON is content.</param>
/// <param name="Triggers">What switches a lazy grammar on (any one of them).</param>
/// <param name="PreservedTokens">Markers that are single tokens in this vocabulary, which must reach us as text.</param>
public sealed record ToolCallFormat(
    ToolCallFamily Family,
    string Name,
    string SectionStart,
    string CallStart,
    string NameEnd,
    string CallEnd,
    string CallSeparator,
    string SectionEnd,
    bool NameIsJsonString,
    bool ParallelCalls,
    bool CallsOnlyAtAnswerStart,
    IReadOnlyList<ToolCallTrigger> Triggers,
    IReadOnlyList<string> PreservedTokens)
{
    /// <summary>
    /// Where the Llama trigger hands over to the grammar: the first capture group, the opening brace of a
    /// <c>{"name": "</c> object at the start of the answer (llama.cpp triggers Llama 3.x the same way).
    /// </summary>
    public const string LlamaTriggerPattern =
        """\s*(?:<\|python_tag\|>)?\s*(\{\s*(?:"type"\s*:\s*"function"\s*,\s*)?"name"\s*:\s*")[\s\S]*""";

    /// <summary>
    /// Hermes 2 Pro / 3, Qwen2.5, Qwen3, QwQ (as their templates render an assistant call). Also the format the
    /// host describes in its own system prompt for a model whose template shows no tool support.
    /// </summary>
    public static ToolCallFormat Hermes(Func<string, bool> isSingleToken) => new(
        ToolCallFamily.Hermes, "hermes",
        SectionStart: "",
        CallStart: HermesCallStart + "\n{\"name\": \"",
        NameEnd: "\", \"arguments\": ",
        CallEnd: "}\n" + HermesCallEnd,
        CallSeparator: "\n",
        SectionEnd: "",
        NameIsJsonString: true,
        ParallelCalls: true,
        CallsOnlyAtAnswerStart: false,
        [ToolCallTrigger.ForMarker(HermesCallStart, isSingleToken)],
        SingleTokens(isSingleToken, HermesCallStart, HermesCallEnd));

    /// <summary>DeepSeek-R1 (and its distills) and V3: a type word, the name on its own line, a json fence.</summary>
    public static ToolCallFormat DeepSeekR1(Func<string, bool> isSingleToken) => new(
        ToolCallFamily.DeepSeekR1, "deepseek-r1",
        SectionStart: DeepSeekCallsBegin,
        CallStart: DeepSeekCallBegin + DeepSeekTypeWord + DeepSeekSeparator,
        NameEnd: "\n```json\n",
        CallEnd: "\n```" + DeepSeekCallEnd,
        CallSeparator: "\n",
        SectionEnd: DeepSeekCallsEnd,
        NameIsJsonString: false,
        ParallelCalls: true,
        CallsOnlyAtAnswerStart: false,
        [ToolCallTrigger.ForMarker(DeepSeekCallsBegin, isSingleToken)],
        DeepSeekTokens(isSingleToken));

    /// <summary>DeepSeek-V3.1: the name before the separator, the arguments right after it.</summary>
    public static ToolCallFormat DeepSeekV31(Func<string, bool> isSingleToken) => new(
        ToolCallFamily.DeepSeekV31, "deepseek-v3.1",
        SectionStart: DeepSeekCallsBegin,
        CallStart: DeepSeekCallBegin,
        NameEnd: DeepSeekSeparator,
        CallEnd: DeepSeekCallEnd,
        CallSeparator: "",
        SectionEnd: DeepSeekCallsEnd,
        NameIsJsonString: false,
        ParallelCalls: true,
        CallsOnlyAtAnswerStart: false,
        [ToolCallTrigger.ForMarker(DeepSeekCallsBegin, isSingleToken)],
        DeepSeekTokens(isSingleToken));

    /// <summary>
    /// Llama 3.1 / 3.2 / 3.3 JSON calls to custom tools. Their templates refuse more than one call per message,
    /// so <see cref="ParallelCalls"/> is false; the parser still reads calls separated by <c>;</c> (as vLLM's
    /// llama3_json parser does) because the models write them.
    /// </summary>
    public static ToolCallFormat Llama3Json(Func<string, bool> isSingleToken) => new(
        ToolCallFamily.Llama3Json, "llama3-json",
        SectionStart: "",
        CallStart: "{\"name\": \"",
        NameEnd: "\", \"parameters\": ",
        CallEnd: "}",
        CallSeparator: LlamaCallSeparator + " ",
        SectionEnd: "",
        NameIsJsonString: true,
        ParallelCalls: false,
        CallsOnlyAtAnswerStart: true,
        [new ToolCallTrigger(ToolCallTriggerKind.PatternFull, LlamaTriggerPattern)],
        SingleTokens(isSingleToken, LlamaPythonTag));

    private static string[] DeepSeekTokens(Func<string, bool> isSingleToken) => SingleTokens(isSingleToken,
        DeepSeekCallsBegin, DeepSeekCallsEnd, DeepSeekCallBegin, DeepSeekCallEnd, DeepSeekSeparator);

    private static string[] SingleTokens(Func<string, bool> isSingleToken, params string[] markers) =>
        markers.Where(isSingleToken).ToArray();
}
