namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// The binary and unary operators. Numbers follow Python (int and float distinct, <c>//</c> and <c>%</c> floor,
/// booleans count as 0 and 1); <c>+</c> with a string on either side concatenates, as in the reference;
/// <c>==</c> compares by value as Python does.
/// </summary>
internal static class Operators
{
    public static JinjaValue Binary(string op, JinjaValue left, JinjaValue right, RenderBudget budget)
    {
        switch (op)
        {
            case "==":
                return BooleanValue.Of(Equal(left, right, budget, 0));
            case "!=":
                return BooleanValue.Of(!Equal(left, right, budget, 0));
            case "<":
                return BooleanValue.Of(Compare(op, left, right) < 0);
            case ">":
                return BooleanValue.Of(Compare(op, left, right) > 0);
            case "<=":
                return BooleanValue.Of(Compare(op, left, right) <= 0);
            case ">=":
                return BooleanValue.Of(Compare(op, left, right) >= 0);
            case "in":
                return BooleanValue.Of(Contains(right, left, budget));
            case "not in":
                return BooleanValue.Of(!Contains(right, left, budget));
            case "~":
                return Concat(ValueFormatter.ToConcatText(left, budget), ValueFormatter.ToConcatText(right, budget), budget);
        }

        if (left is UndefinedValue || right is UndefinedValue)
        {
            var undefined = (UndefinedValue)(left as UndefinedValue ?? right);
            throw new JinjaRenderException($"Cannot use {undefined.Describe()} with '{op}'.");
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return Arithmetic(op, left, right);
        }

        switch (op)
        {
            case "+" when left is ListValue a && right is ListValue b:
                budget.Steps(a.Count + b.Count);
                return new ListValue([.. a.Items, .. b.Items], a.IsTuple && b.IsTuple, isReadOnly: false);
            case "+" when (left is StringValue || right is StringValue) && left is not NoneValue && right is not NoneValue:
                return Concat(ValueFormatter.ToConcatText(left, budget), ValueFormatter.ToConcatText(right, budget), budget);
            case "*" when left is StringValue || right is StringValue:
                return Repeat(left as StringValue ?? (StringValue)right, left is StringValue ? right : left, budget);
            case "*" when left is ListValue || right is ListValue:
                var list = left as ListValue ?? (ListValue)right;
                var times = Math.Max(0, RepeatCount(left is ListValue ? right : left));
                budget.Steps(list.Count * times);
                var repeated = new List<JinjaValue>();
                for (var i = 0; i < times; i++)
                {
                    repeated.AddRange(list.Items);
                }

                return new ListValue(repeated, list.IsTuple, isReadOnly: false);
            case "%" when left is StringValue format:
                return PythonFormat.Percent(format, right, budget);
        }

        throw new JinjaRenderException($"Unsupported operand types for {op}: '{left.TypeName}' and '{right.TypeName}'.");
    }

    public static JinjaValue Sign(string op, JinjaValue operand) => operand switch
    {
        IntegerValue integer => IntegerValue.Of(op == "-" ? checked(-integer.Value) : integer.Value),
        FloatValue number => new FloatValue(op == "-" ? -number.Value : number.Value),
        BooleanValue boolean => IntegerValue.Of((op == "-" ? -1 : 1) * (boolean.Value ? 1 : 0)),
        _ => throw new JinjaRenderException($"Bad operand type for unary {op}: '{operand.TypeName}'."),
    };

    public static StringValue Concat(StringValue left, StringValue right, RenderBudget budget)
    {
        if (left.Length == 0)
        {
            return right;
        }

        if (right.Length == 0)
        {
            return left;
        }

        var builder = budget.NewBuilder();
        builder.Append(left);
        builder.Append(right);
        return builder.ToValue();
    }

    public static bool IsNumber(JinjaValue value) => value is IntegerValue or FloatValue or BooleanValue;

    public static double ToDouble(JinjaValue value) => value switch
    {
        IntegerValue integer => integer.Value,
        FloatValue number => number.Value,
        BooleanValue boolean => boolean.Value ? 1 : 0,
        _ => throw new JinjaRenderException($"Expected a number, got '{value.TypeName}'."),
    };

    /// <summary>Value equality as in Python: numbers across int and float, strings by text, lists and dicts by content.</summary>
    public static bool Equal(JinjaValue left, JinjaValue right, RenderBudget budget, int depth)
    {
        budget.CheckValueDepth(depth);
        switch (left)
        {
            case IntegerValue a when right is IntegerValue b:
                return a.Value == b.Value;
            case var _ when IsNumber(left) && IsNumber(right):
                return ToDouble(left) == ToDouble(right);
            case StringValue a when right is StringValue b:
                return string.Equals(a.Text, b.Text, StringComparison.Ordinal);
            case NoneValue:
                return right is NoneValue;
            case UndefinedValue:
                return right is UndefinedValue;
            case ListValue a when right is ListValue b:
                if (a.Count != b.Count || a.IsTuple != b.IsTuple)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!Equal(a.Items[i], b.Items[i], budget, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case DictValue a when right is DictValue b:
                if (a.Count != b.Count)
                {
                    return false;
                }

                foreach (var entry in a.Entries)
                {
                    if (!b.TryGet(entry.Key, out var other) || !Equal(entry.Value, other, budget, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return ReferenceEquals(left, right);
        }
    }

    /// <summary>Ordering of numbers with numbers and strings with strings (by code unit); anything else is an error.</summary>
    public static int Compare(string op, JinjaValue left, JinjaValue right)
    {
        if (left is IntegerValue a && right is IntegerValue b)
        {
            return a.Value.CompareTo(b.Value);
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return ToDouble(left).CompareTo(ToDouble(right));
        }

        if (left is StringValue x && right is StringValue y)
        {
            return string.CompareOrdinal(x.Text, y.Text);
        }

        throw new JinjaRenderException($"'{op}' is not supported between '{left.TypeName}' and '{right.TypeName}'.");
    }

    public static bool Contains(JinjaValue container, JinjaValue item, RenderBudget budget)
    {
        switch (container)
        {
            case UndefinedValue:
                return false;
            case ListValue list:
                budget.Steps(list.Count);
                return list.Items.Exists(element => Equal(item, element, budget, 0));
            case DictValue dict:
                return dict.ContainsKey(item);
            case StringValue text when item is StringValue part:
                return text.Text.Contains(part.Text, StringComparison.Ordinal);
            case StringValue:
                throw new JinjaRenderException($"'in <string>' requires a string on the left, not '{item.TypeName}'.");
            default:
                throw new JinjaRenderException($"Argument of type '{container.TypeName}' is not iterable.");
        }
    }

    private static JinjaValue Arithmetic(string op, JinjaValue left, JinjaValue right)
    {
        var integers = left is not FloatValue && right is not FloatValue;
        if (integers)
        {
            var a = left is IntegerValue x ? x.Value : ((BooleanValue)left).Value ? 1 : 0;
            var b = right is IntegerValue y ? y.Value : ((BooleanValue)right).Value ? 1 : 0;
            try
            {
                switch (op)
                {
                    case "+": return IntegerValue.Of(checked(a + b));
                    case "-": return IntegerValue.Of(checked(a - b));
                    case "*": return IntegerValue.Of(checked(a * b));
                    case "/": return b == 0 ? throw DivisionByZero() : new FloatValue((double)a / b);
                    case "//": return b == 0 ? throw DivisionByZero() : IntegerValue.Of(FloorDivide(a, b));
                    case "%": return b == 0 ? throw DivisionByZero() : IntegerValue.Of(a - (b * FloorDivide(a, b)));
                    case "**": return b >= 0 ? IntegerValue.Of(Power(a, b)) : PowerOfFloats(a, b);
                }
            }
            catch (OverflowException)
            {
                throw new JinjaRenderException($"Integer overflow in '{op}'.");
            }
        }

        var p = ToDouble(left);
        var q = ToDouble(right);
        switch (op)
        {
            case "+": return new FloatValue(p + q);
            case "-": return new FloatValue(p - q);
            case "*": return new FloatValue(p * q);
            case "/": return q == 0 ? throw DivisionByZero() : new FloatValue(p / q);
            case "//": return q == 0 ? throw DivisionByZero() : new FloatValue(Math.Floor(p / q));
            case "%":
                if (q == 0)
                {
                    throw DivisionByZero();
                }

                var remainder = p % q;
                return new FloatValue(remainder != 0 && (remainder < 0) != (q < 0) ? remainder + q : remainder);
            case "**": return PowerOfFloats(p, q);
        }

        throw new JinjaRenderException($"Unsupported operator '{op}' for numbers.");
    }

    private static long FloorDivide(long a, long b)
    {
        var quotient = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }

    private static long Power(long value, long exponent)
    {
        long result = 1;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result = checked(result * value);
            }

            exponent >>= 1;
            if (exponent > 0)
            {
                value = checked(value * value);
            }
        }

        return result;
    }

    private static FloatValue PowerOfFloats(double value, double exponent)
    {
        if (value == 0 && exponent < 0)
        {
            throw new JinjaRenderException("0.0 cannot be raised to a negative power.");
        }

        var result = Math.Pow(value, exponent);
        return double.IsFinite(result) ? new FloatValue(result) : throw new JinjaRenderException("Exponentiation result is not a finite number.");
    }

    private static JinjaRenderException DivisionByZero() => new("Division by zero.");

    private static long RepeatCount(JinjaValue count) => count switch
    {
        IntegerValue integer => integer.Value,
        BooleanValue boolean => boolean.Value ? 1 : 0,
        _ => throw new JinjaRenderException($"Can't multiply a sequence by '{count.TypeName}'."),
    };

    private static StringValue Repeat(StringValue text, JinjaValue count, RenderBudget budget)
    {
        var times = Math.Max(0, RepeatCount(count));
        budget.CheckLength(text.Length * times);
        var builder = budget.NewBuilder();
        for (var i = 0; i < times; i++)
        {
            builder.Append(text);
        }

        return builder.ToValue();
    }
}
