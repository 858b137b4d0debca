namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{% call(parameters) macro(arguments) %}body{% endcall %}</c>: calls the macro, which reaches the body as <c>caller()</c>.</summary>
internal sealed class CallBlockStatement(int position, CallExpression call, MacroStatement caller) : Statement(position)
{
    public CallExpression Call { get; } = call;

    public MacroStatement Caller { get; } = caller;
}
