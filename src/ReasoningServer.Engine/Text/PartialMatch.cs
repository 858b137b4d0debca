namespace ReasoningServer.Engine.Text;

/// <summary>For text that arrives in pieces: how much of its end may still turn into a given pattern.</summary>
public static class PartialMatch
{
    /// <summary>The length of the longest end of <paramref name="text"/> that is a proper prefix of <paramref name="pattern"/>.</summary>
    public static int TailLength(ReadOnlySpan<char> text, string pattern)
    {
        for (var length = Math.Min(pattern.Length - 1, text.Length); length > 0; length--)
        {
            if (text[^length..].SequenceEqual(pattern.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
