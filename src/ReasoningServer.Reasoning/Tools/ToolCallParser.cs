using System.Text;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// Reads tool calls out of a model's answer text as it arrives, in any pieces, so that every chunking of the
/// same text gives the same content and calls. Call markup never reaches the content: text that may still turn
/// into a call is held back until decided (as the reasoning splitter holds back a split delimiter).
/// </summary>
/// <remarks>
/// <para>
/// A call is decided by its name. Until the name is read the call's text is held; if the name is a declared tool
/// the call is committed and streamed: a fragment with its id and name, then its arguments in pieces as they arrive.
/// If instead the text is no call of a declared tool (an undeclared name, no JSON, the wrong layout, or the answer
/// ends first), the start marker is content verbatim and reading resumes right after it, so what follows may be
/// content or another call. A committed call is never taken back: if it is cut off by the end of generation, or
/// its arguments turn out invalid, it stays a call with <see cref="ParsedToolCall.IsComplete"/> false and the
/// arguments written before that point; the rest of a broken call, up to its closing marker, is dropped.
/// </para>
/// <para>
/// Arguments are the object's text exactly as the model wrote it, checked by <see cref="System.Text.Json.Utf8JsonReader"/>
/// as it arrives: streamed pieces are then plain substrings of the output, identical however it was chunked, and
/// the arguments rendered back into the next prompt match the tokens the model generated (templates insert an
/// arguments string verbatim), which keeps the KV cache prefix reusable. Re-serialising would also change numbers,
/// escapes and key order the model chose.
/// </para>
/// <para>
/// Whitespace right before a call, and right after one unless content came before it, separates calls from
/// content and belongs to neither (templates insert a newline there).
/// </para>
/// <para>
/// Runs on the request side; not thread-safe (one instance per generated sequence).
/// </para>
/// </remarks>
public sealed class ToolCallParser
{
    private readonly ToolCallSyntax _syntax;
    private readonly ScanBuffer _input = new();
    private readonly CallEmitter _emitter;
    // Reused per call: one parser serves one sequence, piece after piece.
    private readonly StringBuilder _content = new();
    private Mode _mode = Mode.Content;
    private CallUnitReader? _reader;
    // Whitespace before the call being read: content if it is no call, dropped if it is.
    private string _heldWhitespace = string.Empty;
    private int _markerLength;
    private bool _atAnswerStart = true;
    private bool _hasContent;
    private bool _finished;

    /// <param name="format">How the model writes calls.</param>
    /// <param name="declaredTools">The request's tool names; calls of other names are content.</param>
    /// <param name="newId">Makes each call's id; <see cref="ToolCallIds.NewId"/> when null.</param>
    public ToolCallParser(ToolCallFormat format, IReadOnlySet<string> declaredTools, Func<string>? newId = null)
    {
        _syntax = ToolCallSyntax.For(format.Family);
        _emitter = new CallEmitter(declaredTools, newId ?? ToolCallIds.NewId);
    }

    private enum Mode { Content, Unit, AfterCall, Skipping }

    /// <summary>The calls read so far (all of them after <see cref="Finish"/>), in order.</summary>
    public IReadOnlyList<ParsedToolCall> Calls => _emitter.Calls;

    /// <summary>Parses a whole answer at once; the same result as pushing it in any pieces and finishing.</summary>
    public static (string Content, IReadOnlyList<ParsedToolCall> Calls) ParseAll(
        ToolCallFormat format, string text, IReadOnlySet<string> declaredTools, Func<string>? newId = null)
    {
        var parser = new ToolCallParser(format, declaredTools, newId);
        var content = parser.Push(text).Content + parser.Finish().Content;
        return (content, parser.Calls);
    }

    /// <summary>Feeds the next piece of visible answer text (after the reasoning splitter).</summary>
    public ToolCallDelta Push(string answerText)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The answer has already finished.");
        }

        if (answerText.Length == 0)
        {
            return ToolCallDelta.Empty;
        }

        _input.Append(answerText);
        Drain();
        return TakeDelta();
    }

    /// <summary>
    /// Ends the answer: releases what was held back. An undecided call becomes content; a committed call still
    /// open ends here, complete only if its arguments object was closed.
    /// </summary>
    public ToolCallDelta Finish()
    {
        if (_finished)
        {
            return ToolCallDelta.Empty;
        }

        _finished = true;
        _input.Final = true;
        Drain();
        return TakeDelta();
    }

    private void Drain()
    {
        while (_mode switch
               {
                   Mode.Content => DrainContent(),
                   Mode.Unit => DrainUnit(),
                   Mode.AfterCall => DrainAfterCall(),
                   _ => DrainSkipping(),
               })
        {
        }
    }

    // Each Drain* returns true when it changed mode and there may be more to do, false when it needs more text.
    private bool DrainContent()
    {
        var rest = _input.Rest;
        if (rest.Length == 0)
        {
            return false;
        }

        if (_atAnswerStart && _syntax.AnswerStartMarkers.Count > 0)
        {
            var whitespace = rest.Length - rest.TrimStart().Length;
            if (whitespace == rest.Length && !_input.Final)
            {
                return false;
            }

            foreach (var marker in _syntax.AnswerStartMarkers)
            {
                switch (ScanBuffer.MatchAt(rest[whitespace..], marker, _input.Final))
                {
                    case MarkerMatch.Partial:
                        return false;
                    case MarkerMatch.Full:
                        BeginUnit(whitespace, marker.Length);
                        return true;
                }
            }

            _atAnswerStart = false;
        }

        var (at, length) = FindStartMarker(rest);
        if (at >= 0)
        {
            var contentEnd = rest[..at].TrimEnd().Length;
            ReleaseContent(contentEnd);
            BeginUnit(at - contentEnd, length);
            return true;
        }

        var releasable = rest.Length - _input.PartialTail(_syntax.StartMarkers);
        if (!_input.Final && _syntax.StartMarkers.Count > 0)
        {
            releasable = rest[..releasable].TrimEnd().Length; // a call may follow: its leading whitespace is not content
        }

        ReleaseContent(releasable);
        return false;
    }

    private (int At, int Length) FindStartMarker(ReadOnlySpan<char> text)
    {
        int at = -1, length = 0;
        foreach (var marker in _syntax.StartMarkers)
        {
            var index = text.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0 && (at < 0 || index < at || (index == at && marker.Length > length)))
            {
                (at, length) = (index, marker.Length);
            }
        }

        return (at, length);
    }

    private void BeginUnit(int whitespaceLength, int markerLength)
    {
        _heldWhitespace = _input.Take(whitespaceLength);
        _markerLength = markerLength;
        _input.StartRecording();
        _reader = _syntax.NewReader();
        _mode = Mode.Unit;
    }

    private bool DrainUnit()
    {
        var status = _reader!.Step(_input, _emitter);
        if (_emitter.InCall && _input.Recording)
        {
            _input.StopRecording(); // committed: nothing of it will be given back
        }

        switch (status)
        {
            case UnitStatus.NeedMore when !_input.Final:
                return false;
            case UnitStatus.NeedMore when _emitter.InCall:
            case UnitStatus.Ended:
                EndUnit(Mode.AfterCall);
                return true;
            case UnitStatus.Broken:
                EndUnit(Mode.Skipping);
                return true;
            default: // Rejected, or cut off before it was decided
                Reject();
                return true;
        }
    }

    private void EndUnit(Mode next)
    {
        _emitter.End();
        if (_input.Recording)
        {
            _input.StopRecording();
        }

        _heldWhitespace = string.Empty;
        _reader = null;
        _atAnswerStart = false;
        _mode = next;
    }

    // Not a call: its marker is content, and what followed the marker is read again as content.
    private void Reject()
    {
        var recorded = _input.StopRecording();
        var markerRead = Math.Min(_markerLength, recorded.Length);
        _input.Unread(recorded[markerRead..]);
        ReleaseContentText(_heldWhitespace + recorded[..markerRead] + _input.Take(_markerLength - markerRead));
        _heldWhitespace = string.Empty;
        _reader = null;
        _atAnswerStart = false;
        _mode = Mode.Content;
    }

    // Whitespace after a call is held: dropped before another call or the end, and before content too unless
    // content came before the call, where it keeps the text before and after the call apart.
    private bool DrainAfterCall()
    {
        var whitespace = _input.Rest.Length - _input.Rest.TrimStart().Length;
        var rest = _input.Rest[whitespace..];
        if (rest.Length == 0)
        {
            if (_input.Final)
            {
                _input.Skip(whitespace);
            }

            return false;
        }

        foreach (var marker in _syntax.DroppedAfterCall)
        {
            switch (ScanBuffer.MatchAt(rest, marker, _input.Final))
            {
                case MarkerMatch.Partial:
                    return false;
                case MarkerMatch.Full:
                    _input.Skip(whitespace + marker.Length);
                    return true;
            }
        }

        foreach (var marker in _syntax.ContinuationMarkers)
        {
            switch (ScanBuffer.MatchAt(rest, marker, _input.Final))
            {
                case MarkerMatch.Partial:
                    return false;
                case MarkerMatch.Full:
                    BeginUnit(whitespace, marker.Length);
                    return true;
            }
        }

        if (_input.Final && IsCutOffClosingMarker(rest))
        {
            _input.Skip(_input.Length); // a closing marker cut off by the end of generation is still markup
            return false;
        }

        if (!_hasContent)
        {
            _input.Skip(whitespace);
        }

        _mode = Mode.Content;
        return true;
    }

    private bool IsCutOffClosingMarker(ReadOnlySpan<char> rest)
    {
        foreach (var marker in _syntax.DroppedAfterCall)
        {
            if (ScanBuffer.IsProperPrefix(rest, marker))
            {
                return true;
            }
        }

        return false;
    }

    // The rest of a broken call is dropped up to where the format says a call ends.
    private bool DrainSkipping()
    {
        var rest = _input.Rest;
        var end = -1;
        foreach (var marker in _syntax.BrokenCallEnds)
        {
            var index = rest.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0 && (end < 0 || index < end))
            {
                end = index;
            }
        }

        if (end >= 0)
        {
            _input.Skip(end);
            _mode = Mode.AfterCall;
            return true;
        }

        _input.Skip(rest.Length - _input.PartialTail(_syntax.BrokenCallEnds));
        return false;
    }

    private void ReleaseContent(int length)
    {
        if (length > 0)
        {
            ReleaseContentText(_input.Take(length));
        }
    }

    private void ReleaseContentText(string text)
    {
        if (text.Length > 0)
        {
            _content.Append(text);
            _atAnswerStart = false;
            _hasContent = true;
        }
    }

    private ToolCallDelta TakeDelta()
    {
        var fragments = _emitter.TakeFragments();
        if (_content.Length == 0 && fragments.Count == 0)
        {
            return ToolCallDelta.Empty;
        }

        var content = _content.ToString();
        _content.Clear();
        return new ToolCallDelta(content, fragments);
    }
}
