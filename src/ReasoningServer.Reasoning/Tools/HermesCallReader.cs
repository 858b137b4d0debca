using static ReasoningServer.Reasoning.Tools.ToolCallMarkers;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// <c>&lt;tool_call&gt;</c>, whitespace, a <c>{"name", "arguments"}</c> object. The closing <c>&lt;/tool_call&gt;</c>
/// is dropped by the parser after the call, and may be missing.
/// </summary>
internal sealed class HermesCallReader : CallUnitReader
{
    private readonly EnvelopeReader _envelope = new();
    private bool _inJson;

    public override UnitStatus Step(ScanBuffer input, CallEmitter emitter)
    {
        if (!_inJson)
        {
            if (input.Match(HermesCallStart) == MarkerMatch.Full)
            {
                input.Skip(HermesCallStart.Length);
            }

            input.SkipWhitespace();
            if (input.Length == 0)
            {
                return UnitStatus.NeedMore;
            }

            if (input.Rest[0] != '{')
            {
                return UnitStatus.Rejected;
            }

            _inJson = true;
        }

        return FromJson(_envelope.Step(input, emitter));
    }
}
