using System.Text;
using ReasoningServer.Engine.Text;

namespace ReasoningServer.Serving;

/// <summary>
/// Finds stop sequences in text that arrives in pieces. Text that could be the start of a stop sequence
/// is held back until it is decided, so the client never sees part of a stop sequence.
/// </summary>
internal sealed class StopSequenceMatcher(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();

    public bool Stopped { get; private set; }

    /// <summary>Returns the text that is safe to show; sets <see cref="Stopped"/> when a stop sequence completed.</summary>
    public string Push(string text)
    {
        if (stops.Count == 0 || Stopped)
        {
            return Stopped ? string.Empty : text;
        }

        _pending.Append(text);
        var buffered = _pending.ToString();
        var first = stops.Select(s => buffered.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (first >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return buffered[..first];
        }

        var keep = stops.Max(stop => PartialMatch.TailLength(buffered, stop));
        _pending.Remove(0, buffered.Length - keep);
        return buffered[..^keep];
    }

    /// <summary>Held-back text once generation ended without a stop.</summary>
    public string Flush()
    {
        var rest = Stopped ? string.Empty : _pending.ToString();
        _pending.Clear();
        return rest;
    }
}
