namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Template text between tags, output as is.</summary>
internal sealed class TextStatement(int position, string text) : Statement(position)
{
    public StringValue Text { get; } = StringValue.FromTemplate(text);
}
