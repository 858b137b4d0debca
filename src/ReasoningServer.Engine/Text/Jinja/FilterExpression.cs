namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>operand | name(arguments)</c>; in a <c>{% filter %}</c> block the operand is the block's output.</summary>
internal sealed class FilterExpression(int position, Expression? operand, string name, ArgumentList arguments) : Expression(position)
{
    public Expression? Operand { get; } = operand;

    public string Name { get; } = name;

    public ArgumentList Arguments { get; } = arguments;
}
