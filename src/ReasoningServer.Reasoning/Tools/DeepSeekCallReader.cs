using ReasoningServer.Engine.Text;
using static ReasoningServer.Reasoning.Tools.ToolCallMarkers;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// One DeepSeek call, from the calls-begin marker (the first call of a block) or a call-begin marker. The header
/// before <c>&lt;｜tool▁sep｜&gt;</c> decides the layout:
/// R1/V3 — <c>function&lt;｜tool▁sep｜&gt;NAME\n```json\n{…}\n```</c>, where the type word may be missing;
/// V3.1 — <c>NAME&lt;｜tool▁sep｜&gt;{…}</c>. Either family's model may write either; a missing call-begin marker
/// right after calls-begin is tolerated. The call-end and calls-end markers are dropped by the parser after the call.
/// </summary>
internal sealed class DeepSeekCallReader : CallUnitReader
{
    // Names and type words are short; a long run without the separator is not a call header.
    private const int MaxHeaderLength = 128;
    private const string Fence = "```";
    private const string JsonFence = "```json";

    private readonly BareArgumentsReader _arguments = new();
    private Stage _stage = Stage.Marker;
    private bool _fencedLayout;

    private enum Stage { Marker, BlockOpened, Header, NameLine, OpeningFence, BeforeArguments, Arguments, ClosingFence }

    public override UnitStatus Step(ScanBuffer input, CallEmitter emitter)
    {
        while (true)
        {
            var status = Advance(input, emitter);
            if (status is not null)
            {
                return status.Value;
            }
        }
    }

    // Null: moved on to the next stage.
    private UnitStatus? Advance(ScanBuffer input, CallEmitter emitter)
    {
        switch (_stage)
        {
            case Stage.Marker:
                return ReadMarker(input);
            case Stage.BlockOpened:
                return ReadBlockOpening(input);
            case Stage.Header:
                return ReadHeader(input, emitter);
            case Stage.NameLine:
                return ReadNameLine(input, emitter);
            case Stage.OpeningFence:
                input.SkipWhitespace();
                if (input.Length == 0 || input.Match(JsonFence) == MarkerMatch.Partial)
                {
                    return UnitStatus.NeedMore;
                }

                if (input.Match(JsonFence) == MarkerMatch.Full)
                {
                    input.Skip(JsonFence.Length);
                }
                else if (input.Match(Fence) == MarkerMatch.Full)
                {
                    input.Skip(Fence.Length);
                }

                _stage = Stage.BeforeArguments;
                return null;
            case Stage.BeforeArguments:
                input.SkipWhitespace();
                if (input.Length == 0)
                {
                    return UnitStatus.NeedMore;
                }

                if (input.Rest[0] != '{')
                {
                    return UnitStatus.Broken;
                }

                _stage = Stage.Arguments;
                return null;
            case Stage.Arguments:
                var json = _arguments.Step(input, emitter);
                if (json != JsonCallStatus.Closed)
                {
                    return FromJson(json);
                }

                if (!_fencedLayout)
                {
                    return UnitStatus.Ended;
                }

                _stage = Stage.ClosingFence;
                return null;
            default: // ClosingFence
                input.SkipWhitespace();
                switch (input.Length == 0 ? MarkerMatch.Partial : input.Match(Fence))
                {
                    case MarkerMatch.Partial:
                        return UnitStatus.NeedMore;
                    case MarkerMatch.Full:
                        input.Skip(Fence.Length);
                        break;
                }

                return UnitStatus.Ended;
        }
    }

    private UnitStatus? ReadMarker(ScanBuffer input)
    {
        foreach (var marker in DeepSeekCallsBeginVariants)
        {
            if (input.Match(marker) == MarkerMatch.Full)
            {
                input.Skip(marker.Length);
                _stage = Stage.BlockOpened;
                return null;
            }
        }

        if (input.Match(DeepSeekCallBegin) != MarkerMatch.Full)
        {
            return UnitStatus.Rejected;
        }

        input.Skip(DeepSeekCallBegin.Length);
        _stage = Stage.Header;
        return null;
    }

    private UnitStatus? ReadBlockOpening(ScanBuffer input)
    {
        input.SkipWhitespace();
        if (input.Length == 0)
        {
            return UnitStatus.NeedMore;
        }

        switch (input.Match(DeepSeekCallBegin))
        {
            case MarkerMatch.Partial:
                return UnitStatus.NeedMore;
            case MarkerMatch.Full:
                input.Skip(DeepSeekCallBegin.Length);
                _stage = Stage.Header;
                return null;
        }

        switch (input.Match(DeepSeekCallsEnd))
        {
            case MarkerMatch.Partial:
                return UnitStatus.NeedMore;
            case MarkerMatch.Full:
                input.Skip(DeepSeekCallsEnd.Length);
                return UnitStatus.Ended; // an empty block
        }

        _stage = Stage.Header; // the call-begin marker left out
        return null;
    }

    private UnitStatus? ReadHeader(ScanBuffer input, CallEmitter emitter)
    {
        var rest = input.Rest;
        var at = rest.IndexOf(DeepSeekSeparator, StringComparison.Ordinal);
        var header = at >= 0 ? rest[..at] : rest[..^PartialMatch.TailLength(rest, DeepSeekSeparator)];
        if (!IsPlausibleName(header))
        {
            return UnitStatus.Rejected;
        }

        if (at < 0)
        {
            return UnitStatus.NeedMore;
        }

        var word = header.Trim().ToString();
        input.Skip(at + DeepSeekSeparator.Length);
        if (word is DeepSeekTypeWord or "")
        {
            _fencedLayout = true;
            _stage = Stage.NameLine;
            return null;
        }

        return Commit(word, emitter);
    }

    private UnitStatus? ReadNameLine(ScanBuffer input, CallEmitter emitter)
    {
        var rest = input.Rest;
        var at = rest.IndexOf('\n');
        var line = at >= 0 ? rest[..at] : rest;
        if (!IsPlausibleName(line))
        {
            return UnitStatus.Rejected;
        }

        if (at < 0)
        {
            return UnitStatus.NeedMore;
        }

        var name = line.Trim().ToString();
        input.Skip(at + 1);
        return Commit(name, emitter);
    }

    private UnitStatus? Commit(string name, CallEmitter emitter)
    {
        if (!emitter.IsDeclared(name))
        {
            return UnitStatus.Rejected;
        }

        emitter.Begin(name);
        _stage = _fencedLayout ? Stage.OpeningFence : Stage.BeforeArguments;
        return null;
    }

    private static bool IsPlausibleName(ReadOnlySpan<char> text) =>
        text.Length <= MaxHeaderLength && !text.Contains('\n') && !text.Contains("<｜", StringComparison.Ordinal) &&
        !text.ContainsAny('{', '`');
}
