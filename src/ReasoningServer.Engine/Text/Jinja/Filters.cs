using System.Globalization;
using System.Text.RegularExpressions;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// The filters (<c>value | name(arguments)</c>): Jinja2's that chat templates use, with Hugging Face's
/// <c>tojson</c>, and the reference's behaviour where it has the filter.
/// </summary>
internal static partial class Filters
{
    public static JinjaValue Apply(Interpreter interpreter, string name, JinjaValue value, CallArguments arguments)
    {
        var budget = interpreter.Budget;
        switch (name)
        {
            case "safe":
                arguments.Bind(name);
                return value;
            case "tojson":
                return ToJson(value, arguments, budget);
            case "string":
                arguments.Bind(name);
                return ValueFormatter.ToText(value, budget);
            case "trim":
                return StringOperations.Strip(Text(value, name, budget), arguments.Bind(name, "chars")[0], left: true, right: true);
            case "upper":
                arguments.Bind(name);
                return StringOperations.Upper(Text(value, name, budget));
            case "lower":
                arguments.Bind(name);
                return StringOperations.Lower(Text(value, name, budget));
            case "title":
                arguments.Bind(name);
                return StringOperations.Title(Text(value, name, budget));
            case "capitalize":
                arguments.Bind(name);
                return StringOperations.Capitalize(Text(value, name, budget));
            case "replace":
                return StringMethods.Replace(interpreter, Text(value, name, budget), arguments);
            case "indent":
                return Indent(value, arguments, budget);
            case "escape" or "e" or "forceescape":
                arguments.Bind(name);
                return StringOperations.Escape(Text(value, name, budget), budget);
            case "striptags":
                arguments.Bind(name);
                return StripTags(Text(value, name, budget));
            case "wordcount":
                arguments.Bind(name);
                return IntegerValue.Of(Word().Count(Text(value, name, budget).Text));
            case "format":
                return PythonFormat.Percent(Text(value, name, budget),
                    arguments.Keyword.Count > 0 ? KeywordDict(arguments) : new ListValue([.. arguments.Positional], isTuple: true, isReadOnly: false), budget);
            case "length" or "count":
                arguments.Bind(name);
                return IntegerValue.Of(Length(value));
            case "default" or "d":
                var defaults = arguments.Bind(name, "default_value", "boolean");
                var useDefault = value is UndefinedValue || ((defaults[1]?.IsTruthy ?? false) && !value.IsTruthy);
                return useDefault ? defaults[0] ?? StringValue.Empty : value;
            case "first":
                arguments.Bind(name);
                return value is StringValue firstText ? (firstText.Length == 0 ? UndefinedValue.Instance : StringOperations.CodePoints(firstText)[0])
                    : Items(value, name) is { Count: > 0 } firstItems ? firstItems[0] : UndefinedValue.Instance;
            case "last":
                arguments.Bind(name);
                return Items(value, name) is { Count: > 0 } lastItems ? lastItems[^1] : UndefinedValue.Instance;
            case "list":
                arguments.Bind(name);
                return ListValue.Of(Items(value, name));
            case "items":
                arguments.Bind(name);
                return value switch
                {
                    DictValue dict => DictMethods.Items(dict),
                    UndefinedValue => ListValue.Of([]),
                    _ => throw new JinjaRenderException($"Filter 'items' needs a mapping, not '{value.TypeName}'."),
                };
            case "keys" or "values" when value is DictValue dict:
                arguments.Bind(name);
                return name == "keys" ? DictMethods.Keys(dict) : ListValue.Of(dict.Entries.Select(e => e.Value).ToList());
            case "join":
                return Join(value, arguments, budget);
            case "reverse":
                arguments.Bind(name);
                if (value is StringValue reversed)
                {
                    return StringOperations.Slice(reversed, null, null, IntegerValue.Of(-1), budget);
                }

                var reversedItems = Items(value, name);
                reversedItems.Reverse();
                return ListValue.Of(reversedItems);
            case "sort":
                return Sort(interpreter, value, arguments);
            case "unique":
                return Unique(interpreter, value, arguments);
            case "dictsort":
                return value is DictValue sorted ? DictSort(interpreter, sorted, arguments)
                    : throw new JinjaRenderException($"Filter 'dictsort' needs a mapping, not '{value.TypeName}'.");
            case "min" or "max":
                return MinMax(interpreter, value, arguments, name == "max");
            case "sum":
                return Sum(value, arguments, budget);
            case "batch":
                return Batch(value, arguments, budget);
            case "map":
                return Map(interpreter, value, arguments);
            case "select" or "reject":
                return Select(interpreter, value, arguments, name, attribute: false);
            case "selectattr" or "rejectattr":
                return Select(interpreter, value, arguments, name, attribute: true);
            case "attr":
                return Members.GetAttribute(value, Text(arguments.Bind(name, "name")[0] ?? UndefinedValue.Instance, name, budget).Text);
            case "int":
                return ToInteger(value, arguments);
            case "float":
                return ToFloat(value, arguments);
            case "bool":
                arguments.Bind(name);
                return BooleanValue.Of(value.IsTruthy);
            case "abs":
                arguments.Bind(name);
                return value switch
                {
                    IntegerValue integer => IntegerValue.Of(Math.Abs(integer.Value)),
                    FloatValue number => new FloatValue(Math.Abs(number.Value)),
                    BooleanValue boolean => IntegerValue.Of(boolean.Value ? 1 : 0),
                    _ => throw new JinjaRenderException($"Bad operand type for abs(): '{value.TypeName}'."),
                };
            case "round":
                return Round(value, arguments);
            default:
                throw new JinjaRenderException($"No filter named '{name}' (for a '{value.TypeName}' value).");
        }
    }

    /// <summary>What a filter iterates: a list's items, a dict's keys, a string's characters; undefined is empty.</summary>
    public static List<JinjaValue> Items(JinjaValue value, string filter) => value switch
    {
        ListValue list => [.. list.Items],
        DictValue dict => DictMethods.Keys(dict).Items,
        StringValue text => StringOperations.CodePoints(text),
        UndefinedValue => [],
        _ => throw new JinjaRenderException($"'{filter}' needs something iterable, not '{value.TypeName}'."),
    };

    public static ListValue DictSort(Interpreter interpreter, DictValue dict, CallArguments arguments)
    {
        var slots = arguments.Bind("dictsort", "case_sensitive", "by", "reverse");
        var caseSensitive = slots[0]?.IsTruthy ?? false;
        var byValue = slots[1] switch
        {
            null => false,
            StringValue { Text: "key" } => false,
            StringValue { Text: "value" } => true,
            _ => throw new JinjaRenderException("dictsort: 'by' must be 'key' or 'value'."),
        };
        var reverse = slots[2]?.IsTruthy ?? false;
        var pairs = dict.Entries.ToList();
        interpreter.Budget.Steps(pairs.Count);
        var sorted = pairs.OrderBy(e => byValue ? e.Value : e.Key, new SortComparer(caseSensitive, reverse)).ToList();
        return ListValue.Of(sorted.Select(e => (JinjaValue)ListValue.Tuple(e.Key, e.Value)).ToList());
    }

    private static StringValue Text(JinjaValue value, string filter, RenderBudget budget) => value switch
    {
        StringValue text => text,
        UndefinedValue => StringValue.Empty,
        ListValue or DictValue or NamespaceValue => throw new JinjaRenderException($"Filter '{filter}' needs a string, not '{value.TypeName}'."),
        _ => ValueFormatter.ToText(value, budget),
    };

    private static long Length(JinjaValue value) => value switch
    {
        StringValue text => text.Length,
        ListValue list => list.Count,
        DictValue dict => dict.Count,
        NamespaceValue ns => ns.Attributes.Count,
        UndefinedValue => 0,
        _ => throw new JinjaRenderException($"Object of type '{value.TypeName}' has no length."),
    };

    private static StringValue ToJson(JinjaValue value, CallArguments arguments, RenderBudget budget)
    {
        // Hugging Face's signature: tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False).
        var slots = arguments.Bind("tojson", "ensure_ascii", "indent", "separators", "sort_keys");
        var indent = slots[1] switch
        {
            null or NoneValue => null,
            IntegerValue { Value: <= 0 } => null,
            IntegerValue width => new string(' ', (int)Math.Min(width.Value, 64)),
            StringValue text => text.Text,
            var other => throw new JinjaRenderException($"tojson: indent must be an integer, not '{other.TypeName}'."),
        };
        string itemSeparator = indent is null ? ", " : ",", keySeparator = ": ";
        if (slots[2] is ListValue { Count: 2 } separators && separators.Items[0] is StringValue item && separators.Items[1] is StringValue key)
        {
            itemSeparator = item.Text;
            keySeparator = key.Text;
        }
        else if (slots[2] is not (null or NoneValue))
        {
            throw new JinjaRenderException("tojson: separators must be a pair of strings.");
        }

        var format = new JsonFormat(indent, itemSeparator, keySeparator, slots[3]?.IsTruthy ?? false, slots[0]?.IsTruthy ?? false, UndefinedAsNull: true);
        return JsonEncoder.Encode(value, format, budget);
    }

    private static StringValue Indent(JinjaValue value, CallArguments arguments, RenderBudget budget)
    {
        var slots = arguments.Bind("indent", "width", "first", "blank");
        var indentation = slots[0] switch
        {
            null => StringValue.FromTemplate("    "),
            IntegerValue width => StringValue.FromTemplate(new string(' ', (int)Math.Clamp(width.Value, 0, 1024))),
            StringValue text => text,
            var other => throw new JinjaRenderException($"indent: width must be an integer or a string, not '{other.TypeName}'."),
        };
        return StringOperations.Indent(Text(value, "indent", budget), indentation, slots[1]?.IsTruthy ?? false, slots[2]?.IsTruthy ?? false, budget);
    }

    private static StringValue Join(JinjaValue value, CallArguments arguments, RenderBudget budget)
    {
        var slots = arguments.Bind("join", "d", "attribute");
        var separator = slots[0] switch
        {
            null => StringValue.Empty,
            StringValue text => text,
            var other => ValueFormatter.ToText(other, budget),
        };
        var items = Items(value, "join");
        budget.Steps(items.Count);
        var parts = items.Select(i => ValueFormatter.ToText(slots[1] is null ? i : Members.GetPath(i, slots[1]!), budget));
        return StringOperations.Join(parts, separator, budget);
    }

    private static ListValue Sort(Interpreter interpreter, JinjaValue value, CallArguments arguments)
    {
        var slots = arguments.Bind("sort", "reverse", "case_sensitive", "attribute");
        var items = Items(value, "sort");
        interpreter.Budget.Steps(items.Count);
        var attribute = slots[2] is null or NoneValue ? null : slots[2];
        var comparer = new SortComparer(slots[1]?.IsTruthy ?? false, slots[0]?.IsTruthy ?? false);
        return ListValue.Of(items.OrderBy(i => attribute is null ? i : Members.GetPath(i, attribute), comparer).ToList());
    }

    private static ListValue Unique(Interpreter interpreter, JinjaValue value, CallArguments arguments)
    {
        // Jinja2's: case-insensitive unless asked, first occurrence kept.
        var slots = arguments.Bind("unique", "case_sensitive", "attribute");
        var caseSensitive = slots[0]?.IsTruthy ?? false;
        var items = Items(value, "unique");
        interpreter.Budget.Steps(items.Count);
        var seen = new List<JinjaValue>();
        var result = new List<JinjaValue>();
        foreach (var item in items)
        {
            var key = slots[1] is null ? item : Members.GetPath(item, slots[1]!);
            if (!caseSensitive && key is StringValue text)
            {
                key = StringValue.FromTemplate(text.Text.ToLowerInvariant());
            }

            if (!seen.Exists(s => Operators.Equal(s, key, interpreter.Budget, 0)))
            {
                seen.Add(key);
                result.Add(item);
            }
        }

        return ListValue.Of(result);
    }

    private static JinjaValue MinMax(Interpreter interpreter, JinjaValue value, CallArguments arguments, bool max)
    {
        var slots = arguments.Bind(max ? "max" : "min", "case_sensitive", "attribute");
        var items = Items(value, max ? "max" : "min");
        if (items.Count == 0)
        {
            return UndefinedValue.Instance;
        }

        var comparer = new SortComparer(slots[0]?.IsTruthy ?? false, reverse: max);
        return items.OrderBy(i => slots[1] is null ? i : Members.GetPath(i, slots[1]!), comparer).First();
    }

    private static JinjaValue Sum(JinjaValue value, CallArguments arguments, RenderBudget budget)
    {
        var slots = arguments.Bind("sum", "attribute", "start");
        var total = slots[1] ?? IntegerValue.Of(0);
        foreach (var item in Items(value, "sum"))
        {
            total = Operators.Binary("+", total, slots[0] is null ? item : Members.GetPath(item, slots[0]!), budget);
        }

        return total;
    }

    private static ListValue Batch(JinjaValue value, CallArguments arguments, RenderBudget budget)
    {
        var slots = arguments.Bind("batch", "linecount", "fill_with");
        if (slots[0] is not IntegerValue { Value: > 0 } size)
        {
            throw new JinjaRenderException("batch needs a positive line count.");
        }

        var items = Items(value, "batch");
        budget.Steps(items.Count);
        var batches = new List<JinjaValue>();
        for (var i = 0; i < items.Count; i += (int)size.Value)
        {
            var batch = items.Skip(i).Take((int)size.Value).ToList();
            while (slots[1] is not null && batch.Count < size.Value)
            {
                batch.Add(slots[1]!);
            }

            batches.Add(ListValue.Of(batch));
        }

        return ListValue.Of(batches);
    }

    private static ListValue Map(Interpreter interpreter, JinjaValue value, CallArguments arguments)
    {
        // Jinja2 maps and selects over nothing when the value is falsy, none included.
        var items = value is NoneValue ? [] : Items(value, "map");
        interpreter.Budget.Steps(items.Count);
        var attribute = arguments.Keyword.FirstOrDefault(k => k.Key == "attribute").Value;
        if (attribute is not null)
        {
            var fallback = arguments.Keyword.FirstOrDefault(k => k.Key == "default").Value;
            return ListValue.Of(items.Select(item =>
            {
                var mapped = Members.GetPath(item, attribute);
                return mapped is UndefinedValue && fallback is not null ? fallback : mapped;
            }).ToList());
        }

        if (arguments.Positional.Count == 0 || arguments.Positional[0] is not StringValue filter)
        {
            throw new JinjaRenderException("map needs a filter name or attribute=.");
        }

        var rest = new CallArguments(arguments.Positional.Skip(1).ToList(), arguments.Keyword);
        return ListValue.Of(items.Select(item => Apply(interpreter, filter.Text, item, rest)).ToList());
    }

    private static ListValue Select(Interpreter interpreter, JinjaValue value, CallArguments arguments, string name, bool attribute)
    {
        var keep = name is "select" or "selectattr";
        var positional = arguments.Positional;
        var skip = attribute ? 1 : 0;
        if (attribute && positional.Count == 0)
        {
            throw new JinjaRenderException($"{name} needs an attribute name.");
        }

        var test = positional.Count > skip ? positional[skip] as StringValue ?? throw new JinjaRenderException($"{name}: the test name must be a string.") : null;
        var testArguments = new CallArguments(positional.Skip(skip + 1).ToList(), arguments.Keyword);
        var items = value is NoneValue ? [] : Items(value, name);
        interpreter.Budget.Steps(items.Count);
        var result = new List<JinjaValue>();
        foreach (var item in items)
        {
            var tested = attribute ? Members.GetPath(item, positional[0]) : item;
            var passed = test is null ? tested.IsTruthy : Tests.Apply(interpreter, test.Text, tested, testArguments);
            if (passed == keep)
            {
                result.Add(item);
            }
        }

        return ListValue.Of(result);
    }

    private static JinjaValue ToInteger(JinjaValue value, CallArguments arguments)
    {
        var slots = arguments.Bind("int", "default", "base");
        var fallback = slots[0] ?? IntegerValue.Of(0);
        var numberBase = slots[1] is IntegerValue b ? (int)b.Value : 10;
        switch (value)
        {
            case IntegerValue:
                return value;
            case BooleanValue boolean:
                return IntegerValue.Of(boolean.Value ? 1 : 0);
            case FloatValue number:
                return double.IsFinite(number.Value) && Math.Abs(number.Value) < 9.2e18 ? IntegerValue.Of((long)Math.Truncate(number.Value)) : fallback;
            case StringValue text:
                var s = text.Text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
                if (numberBase == 10 && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return IntegerValue.Of(parsed);
                }

                if (numberBase is 2 or 8 or 16)
                {
                    try
                    {
                        return IntegerValue.Of(Convert.ToInt64(s, numberBase));
                    }
                    catch (Exception error) when (error is FormatException or ArgumentException or OverflowException)
                    {
                        return fallback;
                    }
                }

                // Jinja2 falls back to int(float(text)).
                return ParseFloat(s) is { } real && double.IsFinite(real) && Math.Abs(real) < 9.2e18 ? IntegerValue.Of((long)Math.Truncate(real)) : fallback;
            default:
                return fallback;
        }
    }

    private static JinjaValue ToFloat(JinjaValue value, CallArguments arguments)
    {
        var fallback = arguments.Bind("float", "default")[0] ?? new FloatValue(0);
        return value switch
        {
            FloatValue => value,
            IntegerValue integer => new FloatValue(integer.Value),
            BooleanValue boolean => new FloatValue(boolean.Value ? 1 : 0),
            StringValue text when ParseFloat(text.Text.Trim()) is { } parsed => new FloatValue(parsed),
            _ => fallback,
        };
    }

    private static double? ParseFloat(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                return double.PositiveInfinity;
            case "-inf" or "-infinity":
                return double.NegativeInfinity;
            case "nan" or "+nan" or "-nan":
                return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static JinjaValue Round(JinjaValue value, CallArguments arguments)
    {
        var slots = arguments.Bind("round", "precision", "method");
        var precision = slots[0] is IntegerValue p ? (int)Math.Clamp(p.Value, -15, 15) : 0;
        var method = slots[1] is StringValue m ? m.Text : "common";
        if (method == "common" && value is IntegerValue && precision >= 0)
        {
            return value;
        }

        var number = Operators.ToDouble(value);
        var scale = Math.Pow(10, precision);
        var rounded = method switch
        {
            // Python's round() rounds halves to even.
            "common" => precision >= 0 ? Math.Round(number, precision, MidpointRounding.ToEven) : Math.Round(number / (1 / scale), MidpointRounding.ToEven) * (1 / scale),
            "ceil" => Math.Ceiling(number * scale) / scale,
            "floor" => Math.Floor(number * scale) / scale,
            _ => throw new JinjaRenderException("round: method must be 'common', 'ceil' or 'floor'."),
        };
        return new FloatValue(rounded);
    }

    private static StringValue StripTags(StringValue value)
    {
        var text = Tag().Replace(value.Text, string.Empty);
        text = System.Net.WebUtility.HtmlDecode(text);
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return StringValue.Derived(text, value.HasData);
    }

    private static DictValue KeywordDict(CallArguments arguments)
    {
        var dict = new DictValue();
        foreach (var (key, value) in arguments.Keyword)
        {
            dict.Set(StringValue.FromTemplate(key), value);
        }

        return dict;
    }

    [GeneratedRegex(@"(<!--.*?-->|<[^>]*>)", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
