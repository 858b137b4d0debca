namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A constant: string, number, <c>true</c>/<c>false</c>/<c>none</c> in either case.</summary>
internal sealed class LiteralExpression(int position, JinjaValue value) : Expression(position)
{
    public JinjaValue Value { get; } = value;
}
