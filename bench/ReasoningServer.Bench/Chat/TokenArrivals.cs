using System.Diagnostics;

namespace ReasoningServer.Bench.Chat;

/// <summary>When the tokens of one turn arrive: the first one (for time to first token) and the gaps between the rest.</summary>
internal sealed class TokenArrivals(int expectedTokens)
{
    private long _first;
    private long _previous;

    public List<double> GapsMilliseconds { get; } = new(expectedTokens);

    /// <summary>When the first token came (<see cref="Stopwatch"/> ticks; 0 if none did), to line several turns up in time.</summary>
    public long FirstTimestamp => _first;

    /// <summary>Time from <paramref name="sent"/> to the first token (to now if none came).</summary>
    public TimeSpan TimeToFirstToken(long sent) => Stopwatch.GetElapsedTime(sent, _first == 0 ? Stopwatch.GetTimestamp() : _first);

    public void Mark()
    {
        var now = Stopwatch.GetTimestamp();
        if (_first == 0)
        {
            _first = now;
        }
        else
        {
            GapsMilliseconds.Add(Stopwatch.GetElapsedTime(_previous, now).TotalMilliseconds);
        }

        _previous = now;
    }
}
