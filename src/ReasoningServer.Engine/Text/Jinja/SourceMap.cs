namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// The preprocessed template text and, for each of its characters, where it was in the original, so that
/// syntax errors name the line and column the author wrote.
/// </summary>
internal sealed class SourceMap(string original, string text, int[] origins)
{
    public string Text { get; } = text;

    public static SourceMap Identity(string original) =>
        new(original, original, Enumerable.Range(0, original.Length + 1).ToArray());

    /// <summary>The original offset of preprocessed offset <paramref name="position"/> (the end maps to the end).</summary>
    public int OriginalOffset(int position) => origins[Math.Clamp(position, 0, origins.Length - 1)];

    public (int Line, int Column) LineColumn(int position)
    {
        var offset = Math.Min(OriginalOffset(position), original.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (original[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    public JinjaParseException Error(int position, string message)
    {
        var (line, column) = LineColumn(position);
        return new JinjaParseException(message, line, column);
    }

    /// <summary>Keeps the characters for which <paramref name="keep"/> is true, carrying their origins along.</summary>
    public SourceMap Filter(bool[] keep)
    {
        var text = new System.Text.StringBuilder(Text.Length);
        var kept = new List<int>(Text.Length + 1);
        for (var i = 0; i < Text.Length; i++)
        {
            if (keep[i])
            {
                text.Append(Text[i]);
                kept.Add(origins[i]);
            }
        }

        kept.Add(origins[Text.Length]);
        return new SourceMap(original, text.ToString(), [.. kept]);
    }
}
