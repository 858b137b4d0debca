namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{% for target in iterable if filter %}body{% else %}otherwise{% endfor %}</c>.</summary>
internal sealed class ForStatement(
    int position,
    Expression target,
    Expression iterable,
    Expression? filter,
    IReadOnlyList<Statement> body,
    IReadOnlyList<Statement> otherwise) : Statement(position)
{
    /// <summary>A <see cref="NameExpression"/> or a tuple of them.</summary>
    public Expression Target { get; } = target;

    public Expression Iterable { get; } = iterable;

    public Expression? Filter { get; } = filter;

    public IReadOnlyList<Statement> Body { get; } = body;

    public IReadOnlyList<Statement> Otherwise { get; } = otherwise;
}
