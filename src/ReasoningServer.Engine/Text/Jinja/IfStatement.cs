namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{% if %}</c>; an <c>elif</c> is a nested if as the only statement of <see cref="Otherwise"/>.</summary>
internal sealed class IfStatement(int position, Expression condition, IReadOnlyList<Statement> body, IReadOnlyList<Statement> otherwise)
    : Statement(position)
{
    public Expression Condition { get; } = condition;

    public IReadOnlyList<Statement> Body { get; } = body;

    public IReadOnlyList<Statement> Otherwise { get; } = otherwise;
}
