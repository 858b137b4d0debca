using static ReasoningServer.Reasoning.Tools.ToolCallMarkers;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// A Llama 3.x JSON call: optionally <c>;</c> (a further call), optionally <c>&lt;|python_tag|&gt;</c>, then a
/// <c>{"name", "parameters"}</c> object.
/// </summary>
internal sealed class LlamaCallReader : CallUnitReader
{
    private readonly EnvelopeReader _envelope = new();
    private bool _separatorRead;
    private bool _tagRead;
    private bool _inJson;

    public override UnitStatus Step(ScanBuffer input, CallEmitter emitter)
    {
        if (!_inJson)
        {
            if (!_separatorRead)
            {
                if (input.Match(LlamaCallSeparator) == MarkerMatch.Full)
                {
                    input.Skip(LlamaCallSeparator.Length);
                }

                _separatorRead = true;
            }

            input.SkipWhitespace();
            if (!_tagRead)
            {
                switch (input.Match(LlamaPythonTag))
                {
                    case MarkerMatch.Partial:
                        return UnitStatus.NeedMore;
                    case MarkerMatch.Full:
                        input.Skip(LlamaPythonTag.Length);
                        input.SkipWhitespace();
                        _tagRead = true;
                        break;
                    default:
                        _tagRead = input.Length > 0;
                        break;
                }
            }

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
