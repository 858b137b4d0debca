using static ReasoningServer.Reasoning.Tools.ToolCallMarkers;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>Which markers open, follow and close calls in a family's output, and the reader for one call.</summary>
/// <param name="StartMarkers">Open a call anywhere in content.</param>
/// <param name="AnswerStartMarkers">Open a call only as the answer's first text (after whitespace).</param>
/// <param name="ContinuationMarkers">Open a further call right after a call.</param>
/// <param name="DroppedAfterCall">Closing markup that may follow a call; dropped there.</param>
/// <param name="BrokenCallEnds">Where the rest of a broken call ends (none: it runs to the end of the answer).</param>
/// <param name="NewReader">A reader for one call, starting at one of the opening markers.</param>
internal sealed record ToolCallSyntax(
    IReadOnlyList<string> StartMarkers,
    IReadOnlyList<string> AnswerStartMarkers,
    IReadOnlyList<string> ContinuationMarkers,
    IReadOnlyList<string> DroppedAfterCall,
    IReadOnlyList<string> BrokenCallEnds,
    Func<CallUnitReader> NewReader)
{
    private static readonly ToolCallSyntax Hermes = new(
        [HermesCallStart], [], [], [HermesCallEnd], [HermesCallEnd], () => new HermesCallReader());

    // R1 and V3.1 share one reader: the header tells the layouts apart, and models of each write the other's.
    private static readonly ToolCallSyntax DeepSeek = new(
        [.. DeepSeekCallsBeginVariants, DeepSeekCallBegin], [], [],
        [DeepSeekCallEnd, DeepSeekCallsEnd],
        [DeepSeekCallEnd, DeepSeekCallsEnd, DeepSeekCallBegin],
        () => new DeepSeekCallReader());

    private static readonly ToolCallSyntax Llama = new(
        [], [LlamaPythonTag, "{"], [LlamaCallSeparator], [], [], () => new LlamaCallReader());

    public static ToolCallSyntax For(ToolCallFamily family) => family switch
    {
        ToolCallFamily.Hermes => Hermes,
        ToolCallFamily.DeepSeekR1 or ToolCallFamily.DeepSeekV31 => DeepSeek,
        ToolCallFamily.Llama3Json => Llama,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown tool call family."),
    };
}
