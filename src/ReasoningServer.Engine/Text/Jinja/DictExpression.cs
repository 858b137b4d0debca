namespace ReasoningServer.Engine.Text.Jinja;

internal sealed class DictExpression(int position, IReadOnlyList<KeyValuePair<Expression, Expression>> items) : Expression(position)
{
    public IReadOnlyList<KeyValuePair<Expression, Expression>> Items { get; } = items;
}
