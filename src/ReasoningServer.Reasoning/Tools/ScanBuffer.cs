using System.Text;
using ReasoningServer.Engine.Text;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// The answer text not yet decided, as the parser and its call readers consume it. While a call is still
/// undecided, everything consumed is also recorded, so a call that turns out not to be one can be given back.
/// </summary>
internal sealed class ScanBuffer
{
    private readonly StringBuilder _recorded = new();
    private string _text = string.Empty;
    private int _position;

    /// <summary>True once the answer has ended: nothing more can complete a partial marker.</summary>
    public bool Final { get; set; }

    public bool Recording { get; private set; }

    public ReadOnlySpan<char> Rest => _text.AsSpan(_position);

    public int Length => _text.Length - _position;

    public void Append(string piece)
    {
        _text = _position == 0 ? _text + piece : string.Concat(_text.AsSpan(_position), piece);
        _position = 0;
    }

    /// <summary>Consumes <paramref name="count"/> characters and returns them.</summary>
    public string Take(int count)
    {
        var taken = _text.Substring(_position, count);
        Record(taken);
        _position += count;
        return taken;
    }

    public void Skip(int count)
    {
        Record(_text.AsSpan(_position, count));
        _position += count;
    }

    /// <summary>Consumes leading whitespace.</summary>
    public void SkipWhitespace() => Skip(Rest.Length - Rest.TrimStart().Length);

    /// <summary>Puts text back in front of what is left, e.g. what a JSON value did not use.</summary>
    public void Unread(string text)
    {
        if (Recording)
        {
            _recorded.Length -= text.Length;
        }

        _text = string.Concat(text, Rest);
        _position = 0;
    }

    public MarkerMatch Match(string marker) => MatchAt(Rest, marker, Final);

    /// <summary>Whether <paramref name="text"/> starts with <paramref name="marker"/>, or may once more text arrives.</summary>
    public static MarkerMatch MatchAt(ReadOnlySpan<char> text, string marker, bool final)
    {
        if (text.StartsWith(marker, StringComparison.Ordinal))
        {
            return MarkerMatch.Full;
        }

        return !final && IsProperPrefix(text, marker) ? MarkerMatch.Partial : MarkerMatch.None;
    }

    public static bool IsProperPrefix(ReadOnlySpan<char> text, string marker) =>
        text.Length < marker.Length && marker.AsSpan().StartsWith(text, StringComparison.Ordinal);

    /// <summary>The longest end of the rest that may still grow into one of the markers (0 once the answer has ended).</summary>
    public int PartialTail(IReadOnlyList<string> markers)
    {
        if (Final)
        {
            return 0;
        }

        var keep = 0;
        foreach (var marker in markers)
        {
            keep = Math.Max(keep, PartialMatch.TailLength(Rest, marker));
        }

        return keep;
    }

    public void StartRecording()
    {
        _recorded.Clear();
        Recording = true;
    }

    /// <summary>Stops recording and returns what was consumed since <see cref="StartRecording"/>.</summary>
    public string StopRecording()
    {
        Recording = false;
        var recorded = _recorded.ToString();
        _recorded.Clear();
        return recorded;
    }

    private void Record(ReadOnlySpan<char> text)
    {
        if (Recording)
        {
            _recorded.Append(text);
        }
    }
}
