namespace ReasoningServer.Engine.Text.Jinja;

internal sealed class IntegerValue(long value) : JinjaValue
{
    private static readonly IntegerValue[] Small = Enumerable.Range(-1, 258).Select(i => new IntegerValue(i)).ToArray();

    public long Value { get; } = value;

    internal override string TypeName => "int";

    internal override bool IsTruthy => Value != 0;

    /// <summary>Shares the instances of small numbers, which loop counters create by the thousand.</summary>
    public static IntegerValue Of(long value) => value is >= -1 and <= 256 ? Small[value + 1] : new IntegerValue(value);
}
