namespace ReasoningServer.Engine.Text.Jinja;

internal sealed class FloatValue(double value) : JinjaValue
{
    public double Value { get; } = value;

    internal override string TypeName => "float";

    // Python: only 0.0 and -0.0 are false (NaN is true).
    internal override bool IsTruthy => Value != 0;
}
