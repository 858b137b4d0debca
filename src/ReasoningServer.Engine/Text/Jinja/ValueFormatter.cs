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

    /// <summary>
    /// The text <c>~</c>, and <c>+</c> with a string, concatenate. The reference converts with JavaScript's
    /// toString: floats lose a trailing ".0" and a list becomes its items' texts joined by ",". A dict, which
    /// JavaScript turns into "[object Map]", is written as JSON instead.
    /// </summary>
    public static StringValue ToConcatText(JinjaValue value, RenderBudget budget) => value switch
    {
        FloatValue number => StringValue.FromTemplate(JsNumber.ToString(number.Value)),
        ListValue list => StringOperations.Join(list.Items.Select(item => ListItemText(item, budget)), StringValue.FromTemplate(","), budget),
        _ => ToText(value, budget),
    };

    private static StringValue ListItemText(JinjaValue item, RenderBudget budget) => item switch
    {
        NoneValue or UndefinedValue => StringValue.FromTemplate("undefined"),
        _ => ToText(item, budget),
    };
}
