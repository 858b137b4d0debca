namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>not x</c>, <c>-x</c> or <c>+x</c>.</summary>
internal sealed class UnaryExpression(int position, string op, Expression operand) : Expression(position)
{
    public string Operator { get; } = op;

    public Expression Operand { get; } = operand;
}
