namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>operand is [not] name</c>, with Jinja2's optional argument (<c>is divisibleby 3</c>, <c>is eq(x)</c>).</summary>
internal sealed class TestExpression(int position, Expression operand, string name, bool negated, ArgumentList arguments) : Expression(position)
{
    public Expression Operand { get; } = operand;

    public string Name { get; } = name;

    public bool Negated { get; } = negated;

    public ArgumentList Arguments { get; } = arguments;
}
