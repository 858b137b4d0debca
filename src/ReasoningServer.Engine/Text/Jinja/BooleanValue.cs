namespace ReasoningServer.Engine.Text.Jinja;

internal sealed class BooleanValue : JinjaValue
{
    public static new readonly BooleanValue True = new(true);
    public static new readonly BooleanValue False = new(false);

    private BooleanValue(bool value)
    {
        Value = value;
    }

    public bool Value { get; }

    internal override string TypeName => "bool";

    internal override bool IsTruthy => Value;

    public static BooleanValue Of(bool value) => value ? True : False;
}
