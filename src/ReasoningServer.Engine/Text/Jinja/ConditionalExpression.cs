namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>a if c else b</c>; without <c>else</c> a false condition gives undefined.</summary>
internal sealed class ConditionalExpression(int position, Expression condition, Expression then, Expression? otherwise) : Expression(position)
{
    public Expression Condition { get; } = condition;

    public Expression Then { get; } = then;

    public Expression? Otherwise { get; } = otherwise;
}
