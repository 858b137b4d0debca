using System.Globalization;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Turns values into text the way the reference does: <c>true</c>/<c>false</c> in lower case, lists and dicts as
/// JSON (<c>[1, "a"]</c>), and none and undefined printing as nothing.
/// </summary>
internal static class ValueFormatter
{
    /// <summary>What <c>{{ value }}</c> writes; null for none and undefined, which write nothing.</summary>
    public static StringValue? ToOutput(JinjaValue value, RenderBudget budget) =>
        value is NoneValue or UndefinedValue ? null : ToText(value, budget);

    /// <summary>The string a value converts to for <c>~</c>, <c>string</c>, <c>join</c> and formatting.</summary>
    public static StringValue ToText(JinjaValue value, RenderBudget budget) => value switch
    {
        StringValue text => text,
        IntegerValue integer => StringValue.FromTemplate(integer.Value.ToString(CultureInfo.InvariantCulture)),
        FloatValue number => StringValue.FromTemplate(PythonFloat.Repr(number.Value)),
        BooleanValue boolean => StringValue.FromTemplate(boolean.Value ? "true" : "false"),
        NoneValue => StringValue.FromTemplate("None"),
        UndefinedValue => StringValue.Empty,
        CallableValue function => StringValue.FromTemplate($"<function {function.Name}>"),
        _ => JsonEncoder.Encode(value, JsonFormat.Print, budget),
    };
}
