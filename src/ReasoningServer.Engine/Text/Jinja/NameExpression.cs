namespace ReasoningServer.Engine.Text.Jinja;

internal sealed class NameExpression(int position, string name) : Expression(position)
{
    public string Name { get; } = name;
}
