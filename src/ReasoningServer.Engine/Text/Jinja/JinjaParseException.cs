namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>The template text is not valid Jinja; the message starts with the 1-based line and column.</summary>
public sealed class JinjaParseException : JinjaException
{
    public JinjaParseException(string message, int line, int column)
        : base($"{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
