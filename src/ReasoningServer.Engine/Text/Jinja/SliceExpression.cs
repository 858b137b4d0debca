namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>x[start:stop:step]</c>, any part optional.</summary>
internal sealed class SliceExpression(int position, Expression target, Expression? start, Expression? stop, Expression? step) : Expression(position)
{
    public Expression Target { get; } = target;

    public Expression? Start { get; } = start;

    public Expression? Stop { get; } = stop;

    public Expression? Step { get; } = step;
}
