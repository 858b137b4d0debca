namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{% set target = value %}</c>, or the block form whose output is the value.</summary>
internal sealed class SetStatement(int position, Expression target, Expression? value, IReadOnlyList<Statement> body) : Statement(position)
{
    /// <summary>A name, a tuple of names, or <c>namespace.attribute</c>.</summary>
    public Expression Target { get; } = target;

    public Expression? Value { get; } = value;

    public IReadOnlyList<Statement> Body { get; } = body;
}
