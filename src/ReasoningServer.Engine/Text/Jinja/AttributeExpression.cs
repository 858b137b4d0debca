namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>x.name</c>.</summary>
internal sealed class AttributeExpression(int position, Expression target, string name) : Expression(position)
{
    public Expression Target { get; } = target;

    public string Name { get; } = name;
}
