namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A macro, a global function such as <c>range</c>, or a method bound to its value (<c>text.split</c>).</summary>
internal sealed class CallableValue(string name, Func<Interpreter, CallArguments, JinjaValue> invoke) : JinjaValue
{
    public string Name { get; } = name;

    internal override string TypeName => "function";

    internal override bool IsTruthy => true;

    public JinjaValue Invoke(Interpreter interpreter, CallArguments arguments) => invoke(interpreter, arguments);
}
