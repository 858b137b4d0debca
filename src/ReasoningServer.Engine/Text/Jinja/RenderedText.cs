namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A rendered template as runs of template text and data text; adjacent runs always differ in kind.</summary>
public sealed class RenderedText
{
    private readonly string _text;

    internal RenderedText(string text, IReadOnlyList<TextRun> runs)
    {
        _text = text;
        Runs = runs;
    }

    public IReadOnlyList<TextRun> Runs { get; }

    /// <summary>The whole text, without provenance.</summary>
    public override string ToString() => _text;
}
