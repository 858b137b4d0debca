namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>The <c>loop</c> variable of one for-loop iteration.</summary>
internal sealed class LoopValue(int index0, IReadOnlyList<JinjaValue> items) : JinjaValue
{
    internal override string TypeName => "LoopContext";

    internal override bool IsTruthy => true;

    /// <summary>The attributes <c>tojson</c> and printing show, in Hugging Face's order.</summary>
    public static IReadOnlyList<string> AttributeNames { get; } =
        ["index", "index0", "revindex", "revindex0", "first", "last", "length", "previtem", "nextitem"];

    public JinjaValue GetAttribute(string name) => name switch
    {
        "index" => IntegerValue.Of(index0 + 1),
        "index0" => IntegerValue.Of(index0),
        "revindex" => IntegerValue.Of(items.Count - index0),
        "revindex0" => IntegerValue.Of(items.Count - index0 - 1),
        "first" => BooleanValue.Of(index0 == 0),
        "last" => BooleanValue.Of(index0 == items.Count - 1),
        "length" => IntegerValue.Of(items.Count),
        "previtem" => index0 > 0 ? items[index0 - 1] : UndefinedValue.Named("previtem"),
        "nextitem" => index0 < items.Count - 1 ? items[index0 + 1] : UndefinedValue.Named("nextitem"),
        "depth" => IntegerValue.Of(1),
        "depth0" => IntegerValue.Of(0),
        "cycle" => new CallableValue("loop.cycle", Cycle),
        _ => UndefinedValue.Named(name),
    };

    private JinjaValue Cycle(Interpreter interpreter, CallArguments arguments)
    {
        if (arguments.Positional.Count == 0)
        {
            throw new JinjaRenderException("loop.cycle() needs at least one value.");
        }

        return arguments.Positional[index0 % arguments.Positional.Count];
    }
}
