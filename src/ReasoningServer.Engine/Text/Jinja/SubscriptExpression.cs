namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>x[key]</c>, and <c>x.0</c>.</summary>
internal sealed class SubscriptExpression(int position, Expression target, Expression key) : Expression(position)
{
    public Expression Target { get; } = target;

    public Expression Key { get; } = key;
}
