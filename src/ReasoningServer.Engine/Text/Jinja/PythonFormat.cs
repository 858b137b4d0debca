using System.Globalization;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Python's <c>str.format</c> and <c>%</c> formatting. The format string's text keeps its provenance, each inserted
/// value keeps its own; padding and digits come from the template.
/// </summary>
internal static class PythonFormat
{
    public static StringValue Format(StringValue format, CallArguments arguments, RenderBudget budget)
    {
        var builder = budget.NewBuilder();
        var s = format.Text;
        var autoIndex = 0;
        var literalStart = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is not ('{' or '}'))
            {
                continue;
            }

            builder.Append(format, literalStart, i - literalStart);
            if (i + 1 < s.Length && s[i + 1] == c)
            {
                builder.Append(format, i, 1);
                i++;
                literalStart = i + 1;
                continue;
            }

            if (c == '}')
            {
                throw new JinjaRenderException("format(): single '}' encountered in format string.");
            }

            var close = s.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new JinjaRenderException("format(): single '{' encountered in format string.");
            }

            var field = s[(i + 1)..close];
            var specAt = field.IndexOf(':');
            var spec = specAt < 0 ? string.Empty : field[(specAt + 1)..];
            field = specAt < 0 ? field : field[..specAt];
            var conversion = field.IndexOf('!') is var bang and >= 0 ? field[(bang + 1)..] : null;
            field = conversion is null ? field : field[..field.IndexOf('!')];
            var value = Resolve(field, arguments, ref autoIndex);
            if (conversion == "r")
            {
                value = value is StringValue text ? StringValue.Derived(StringOperations.Repr(text.Text), text.HasData) : value;
            }

            builder.Append(ApplySpec(value, spec, budget));
            i = close;
            literalStart = close + 1;
        }

        builder.Append(format, literalStart, s.Length - literalStart);
        return builder.ToValue();
    }

    public static StringValue Percent(StringValue format, JinjaValue arguments, RenderBudget budget)
    {
        var positional = arguments is ListValue { IsTuple: true } tuple ? tuple.Items : [arguments];
        var mapping = arguments as DictValue;
        var next = 0;
        var builder = budget.NewBuilder();
        var s = format.Text;
        var literalStart = 0;
        JinjaValue NextArgument() => next < positional.Count ? positional[next++] : throw new JinjaRenderException("Not enough arguments for format string.");

        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%')
            {
                continue;
            }

            builder.Append(format, literalStart, i - literalStart);
            var j = i + 1;
            JinjaValue? keyed = null;
            if (j < s.Length && s[j] == '(')
            {
                var close = s.IndexOf(')', j);
                if (close < 0 || mapping is null)
                {
                    throw new JinjaRenderException("Format requires a mapping.");
                }

                mapping.TryGet(s[(j + 1)..close], out var found);
                keyed = found is UndefinedValue ? throw new JinjaRenderException($"Key '{s[(j + 1)..close]}' missing for format string.") : found;
                j = close + 1;
            }

            var flagsStart = j;
            while (j < s.Length && s[j] is '-' or '+' or ' ' or '#' or '0')
            {
                j++;
            }

            var flags = s[flagsStart..j];
            var width = ReadCount(s, ref j, NextArgument);
            int? precision = null;
            if (j < s.Length && s[j] == '.')
            {
                j++;
                precision = ReadCount(s, ref j, NextArgument) ?? 0;
            }

            while (j < s.Length && s[j] is 'h' or 'l' or 'L')
            {
                j++;
            }

            if (j >= s.Length)
            {
                throw new JinjaRenderException("Incomplete format string.");
            }

            var type = s[j];
            if (type == '%')
            {
                builder.Append(format, j, 1);
            }
            else
            {
                var value = keyed ?? NextArgument();
                var align = flags.Contains('-') ? '<' : '>';
                var fill = flags.Contains('0') && align == '>' && type != 's' && type != 'r' ? '0' : ' ';
                var sign = flags.Contains('+') ? "+" : flags.Contains(' ') ? " " : "-";
                builder.Append(Pad(Convert(value, type, precision, sign, budget), width ?? 0, fill, fill == '0' ? '=' : align, budget));
            }

            i = j;
            literalStart = j + 1;
        }

        if (mapping is null && next < positional.Count && !(positional.Count == 1 && next == 0 && s.Contains("%(", StringComparison.Ordinal)))
        {
            throw new JinjaRenderException("Not all arguments converted during string formatting.");
        }

        builder.Append(format, literalStart, s.Length - literalStart);
        return builder.ToValue();
    }

    private static int? ReadCount(string s, ref int j, Func<JinjaValue> nextArgument)
    {
        if (j < s.Length && s[j] == '*')
        {
            j++;
            return nextArgument() is IntegerValue star ? (int)star.Value : throw new JinjaRenderException("* wants an integer.");
        }

        var start = j;
        while (j < s.Length && char.IsAsciiDigit(s[j]))
        {
            j++;
        }

        return j > start ? int.Parse(s.AsSpan(start, j - start), CultureInfo.InvariantCulture) : null;
    }

    private static JinjaValue Resolve(string field, CallArguments arguments, ref int autoIndex)
    {
        var end = field.IndexOfAny(['.', '[']);
        var head = end < 0 ? field : field[..end];
        JinjaValue value;
        if (head.Length == 0)
        {
            value = autoIndex < arguments.Positional.Count ? arguments.Positional[autoIndex++] : throw new JinjaRenderException("format(): not enough positional arguments.");
        }
        else if (int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            value = index < arguments.Positional.Count ? arguments.Positional[index] : throw new JinjaRenderException($"format(): no positional argument {index}.");
        }
        else
        {
            var named = arguments.Keyword.FirstOrDefault(k => k.Key == head);
            value = named.Value ?? throw new JinjaRenderException($"format(): no keyword argument '{head}'.");
        }

        var rest = end < 0 ? string.Empty : field[end..];
        while (rest.Length > 0)
        {
            if (rest[0] == '.')
            {
                var stop = rest.IndexOfAny(['.', '['], 1);
                var name = stop < 0 ? rest[1..] : rest[1..stop];
                value = Members.GetAttribute(value, name);
                rest = stop < 0 ? string.Empty : rest[stop..];
            }
            else
            {
                var close = rest.IndexOf(']');
                if (close < 0)
                {
                    throw new JinjaRenderException("format(): missing ']' in field name.");
                }

                var key = rest[1..close];
                value = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                    ? Members.GetItem(value, IntegerValue.Of(at))
                    : Members.GetItem(value, StringValue.FromTemplate(key));
                rest = rest[(close + 1)..];
            }
        }

        return value;
    }

    /// <summary>A format spec: <c>[[fill]align][sign][0][width][,][.precision][type]</c>.</summary>
    private static StringValue ApplySpec(JinjaValue value, string spec, RenderBudget budget)
    {
        if (spec.Length == 0)
        {
            return ValueFormatter.ToText(value, budget);
        }

        var i = 0;
        char? fill = null;
        char? align = null;
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec[0] is '<' or '>' or '^' or '=')
        {
            align = spec[0];
            i = 1;
        }

        var sign = "-";
        if (i < spec.Length && spec[i] is '+' or '-' or ' ')
        {
            sign = spec[i].ToString();
            i++;
        }

        if (i < spec.Length && spec[i] == '0')
        {
            fill ??= '0';
            align ??= '=';
            i++;
        }

        var widthStart = i;
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
        {
            i++;
        }

        var width = i > widthStart ? int.Parse(spec.AsSpan(widthStart, i - widthStart), CultureInfo.InvariantCulture) : 0;
        var grouping = i < spec.Length && spec[i] == ',';
        if (grouping)
        {
            i++;
        }

        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            var precisionStart = ++i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            {
                i++;
            }

            precision = int.Parse(spec.AsSpan(precisionStart, i - precisionStart), CultureInfo.InvariantCulture);
        }

        var type = i < spec.Length ? spec[i] : value is StringValue ? 's' : value is IntegerValue or BooleanValue ? 'd' : value is FloatValue ? 'g' : 's';
        if (i + 1 < spec.Length)
        {
            throw new JinjaRenderException($"Invalid format specifier '{spec}'.");
        }

        var text = Convert(value, type, precision, sign, budget, pythonDefaultFloat: i >= spec.Length && precision is null);
        if (grouping && value is IntegerValue)
        {
            text = StringValue.FromTemplate(long.Parse(text.Text, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture));
        }

        return Pad(text, width, fill ?? ' ', align ?? (value is StringValue ? '<' : '>'), budget);
    }

    private static StringValue Convert(JinjaValue value, char type, int? precision, string sign, RenderBudget budget, bool pythonDefaultFloat = false)
    {
        string Signed(double number, string digits) => number < 0 || double.IsNegative(number) ? "-" + digits.TrimStart('-') : sign == "-" ? digits : sign + digits;
        switch (type)
        {
            case 's':
                var text = ValueFormatter.ToText(value, budget);
                return precision is { } keep && keep < text.Length ? text.Slice(0, keep) : text;
            case 'r':
                return value is StringValue quoted ? StringValue.Derived(StringOperations.Repr(quoted.Text), quoted.HasData) : ValueFormatter.ToText(value, budget);
            case 'd' or 'i' or 'u':
                var integer = value is FloatValue f ? (long)Math.Truncate(f.Value) : IntegerOf(value, type);
                return StringValue.FromTemplate(Signed(integer, integer.ToString(CultureInfo.InvariantCulture)));
            case 'x' or 'X' or 'o' or 'b':
                var whole = IntegerOf(value, type);
                var digits = type switch
                {
                    'x' => Math.Abs(whole).ToString("x", CultureInfo.InvariantCulture),
                    'X' => Math.Abs(whole).ToString("X", CultureInfo.InvariantCulture),
                    'o' => System.Convert.ToString(Math.Abs(whole), 8),
                    _ => System.Convert.ToString(Math.Abs(whole), 2),
                };
                return StringValue.FromTemplate(Signed(whole, whole < 0 ? "-" + digits : digits));
            case 'c':
                return StringValue.FromTemplate(char.ConvertFromUtf32((int)IntegerOf(value, type)));
            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G' or '%':
                var number = Operators.ToDouble(value);
                if (pythonDefaultFloat && value is FloatValue)
                {
                    return StringValue.FromTemplate(Signed(number, PythonFloat.Repr(number)));
                }

                var p = precision ?? 6;
                var formatted = type switch
                {
                    'f' or 'F' => number.ToString("F" + p, CultureInfo.InvariantCulture),
                    'e' or 'E' => PythonExponent(number, p, type),
                    '%' => (number * 100).ToString("F" + p, CultureInfo.InvariantCulture) + "%",
                    _ => GeneralFormat(number, p == 0 ? 1 : p, type),
                };
                return StringValue.FromTemplate(Signed(number, formatted));
            default:
                throw new JinjaRenderException($"Unsupported format character '{type}'.");
        }
    }

    private static long IntegerOf(JinjaValue value, char type) => value switch
    {
        IntegerValue integer => integer.Value,
        BooleanValue boolean => boolean.Value ? 1 : 0,
        _ => throw new JinjaRenderException($"%{type} format: a number is required, not '{value.TypeName}'."),
    };

    private static string PythonExponent(double number, int precision, char type)
    {
        var text = number.ToString((type == 'E' ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        // .NET writes three exponent digits (1.5e+001); Python at least two.
        var at = text.IndexOfAny(['e', 'E']);
        var exponent = int.Parse(text.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{text[..(at + 1)]}{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    private static string GeneralFormat(double number, int precision, char type)
    {
        if (number == 0)
        {
            return "0";
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(number)));
        if (exponent < -4 || exponent >= precision)
        {
            var text = PythonExponent(number, precision - 1, type == 'G' ? 'E' : 'e');
            var at = text.IndexOfAny(['e', 'E']);
            var mantissa = text[..at];
            return (mantissa.Contains('.') ? mantissa.TrimEnd('0').TrimEnd('.') : mantissa) + text[at..];
        }

        var fixedText = number.ToString("F" + Math.Max(0, precision - 1 - exponent), CultureInfo.InvariantCulture);
        return fixedText.Contains('.') ? fixedText.TrimEnd('0').TrimEnd('.') : fixedText;
    }

    private static StringValue Pad(StringValue text, int width, char fill, char align, RenderBudget budget)
    {
        var missing = width - text.Length;
        if (missing <= 0)
        {
            return text;
        }

        budget.CheckLength(width);
        var builder = budget.NewBuilder();
        var padding = new string(fill, missing);
        switch (align)
        {
            case '<':
                builder.Append(text);
                builder.Append(padding, fromData: false);
                break;
            case '^':
                builder.Append(padding[..(missing / 2)], fromData: false);
                builder.Append(text);
                builder.Append(padding[(missing / 2)..], fromData: false);
                break;
            case '=' when text.Length > 0 && text.Text[0] is '-' or '+' or ' ':
                builder.Append(text, 0, 1);
                builder.Append(padding, fromData: false);
                builder.Append(text, 1, text.Length - 1);
                break;
            default:
                builder.Append(padding, fromData: false);
                builder.Append(text);
                break;
        }

        return builder.ToValue();
    }
}
