namespace ReasoningServer.Engine.Text.Jinja;

internal sealed class CallExpression(int position, Expression callee, ArgumentList arguments) : Expression(position)
{
    public Expression Callee { get; } = callee;

    public ArgumentList Arguments { get; } = arguments;
}
