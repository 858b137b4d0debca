namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// The tests (<c>value is name</c>). Type tests follow the reference: <c>number</c> excludes booleans,
/// <c>iterable</c> is lists and strings (not dicts), <c>mapping</c> is dicts (and the loop object). Undefined is
/// iterable, as in Jinja2 where it iterates as empty: Hermes' tool template depends on it, and the reference,
/// which answers false, fails earlier on that template anyway.
/// </summary>
internal static class Tests
{
    public static bool Apply(Interpreter interpreter, string name, JinjaValue value, CallArguments arguments)
    {
        var budget = interpreter.Budget;
        JinjaValue Argument() => arguments.Bind(name, "other")[0] ?? throw new JinjaRenderException($"Test '{name}' needs an argument.");
        switch (name)
        {
            case "defined":
                return value is not UndefinedValue;
            case "undefined":
                return value is UndefinedValue;
            case "none":
                return value is NoneValue;
            case "boolean":
                return value is BooleanValue;
            case "true":
                return value is BooleanValue { Value: true };
            case "false":
                return value is BooleanValue { Value: false };
            case "string":
                return value is StringValue;
            case "number":
                return value is IntegerValue or FloatValue;
            case "integer":
                return value is IntegerValue;
            case "float":
                return value is FloatValue;
            case "mapping":
                return value is DictValue or LoopValue;
            case "iterable":
                return value is ListValue or StringValue or UndefinedValue;
            case "sequence":
                return value is ListValue or StringValue or DictValue or LoopValue;
            case "callable":
                return value is CallableValue;
            case "odd" or "even":
                if (value is not IntegerValue integer)
                {
                    throw new JinjaRenderException($"Test '{name}' needs an integer, not '{value.TypeName}'.");
                }

                return (integer.Value % 2 != 0) == (name == "odd");
            case "divisibleby":
                var divisor = Argument();
                if (value is not IntegerValue dividend || divisor is not IntegerValue { Value: not 0 } by)
                {
                    return Operators.ToDouble(value) % Operators.ToDouble(divisor) == 0;
                }

                return dividend.Value % by.Value == 0;
            case "eq" or "equalto" or "==":
                return Operators.Equal(value, Argument(), budget, 0);
            case "ne" or "!=":
                return !Operators.Equal(value, Argument(), budget, 0);
            case "lt" or "lessthan" or "<":
                return Operators.Compare("<", value, Argument()) < 0;
            case "le" or "<=":
                return Operators.Compare("<=", value, Argument()) <= 0;
            case "gt" or "greaterthan" or ">":
                return Operators.Compare(">", value, Argument()) > 0;
            case "ge" or ">=":
                return Operators.Compare(">=", value, Argument()) >= 0;
            case "in":
                return Operators.Contains(Argument(), value, budget);
            case "sameas":
                var other = Argument();
                return ReferenceEquals(value, other) || (value is NoneValue && other is NoneValue);
            case "lower":
                return value is StringValue lower && lower.Text == lower.Text.ToLowerInvariant();
            case "upper":
                return value is StringValue upper && upper.Text == upper.Text.ToUpperInvariant();
            case "escaped":
                return false;
            default:
                throw new JinjaRenderException($"No test named '{name}'.");
        }
    }
}
