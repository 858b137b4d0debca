namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Arithmetic, <c>~</c>, comparisons, <c>in</c>/<c>not in</c> and the short-circuit <c>and</c>/<c>or</c>.</summary>
internal sealed class BinaryExpression(int position, string op, Expression left, Expression right) : Expression(position)
{
    public string Operator { get; } = op;

    public Expression Left { get; } = left;

    public Expression Right { get; } = right;
}
