namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{{ expression }}</c>.</summary>
internal sealed class OutputStatement(int position, Expression value) : Statement(position)
{
    public Expression Value { get; } = value;
}
