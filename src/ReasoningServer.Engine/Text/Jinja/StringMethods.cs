namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Python's string methods that templates call (<c>content.split('&lt;/think&gt;')</c>), with the reference's
/// quirks where it has the method; results keep provenance where <see cref="StringOperations"/> can trace it.</summary>
internal static class StringMethods
{
    public static JinjaValue? Get(StringValue text, string name)
    {
        if (name == "length")
        {
            return IntegerValue.Of(text.Length);
        }

        Func<Interpreter, CallArguments, JinjaValue>? method = name switch
        {
            "upper" => (_, a) => NoArguments(a, name, StringOperations.Upper(text)),
            "lower" => (_, a) => NoArguments(a, name, StringOperations.Lower(text)),
            "title" => (_, a) => NoArguments(a, name, StringOperations.Title(text)),
            "capitalize" => (_, a) => NoArguments(a, name, StringOperations.Capitalize(text)),
            "strip" => (_, a) => StringOperations.Strip(text, a.Bind(name, "chars")[0], left: true, right: true),
            "lstrip" => (_, a) => StringOperations.Strip(text, a.Bind(name, "chars")[0], left: true, right: false),
            "rstrip" => (_, a) => StringOperations.Strip(text, a.Bind(name, "chars")[0], left: false, right: true),
            "startswith" => (_, a) => BooleanValue.Of(MatchesAffix(text, a.Bind(name, "prefix")[0], name, prefix: true)),
            "endswith" => (_, a) => BooleanValue.Of(MatchesAffix(text, a.Bind(name, "suffix")[0], name, prefix: false)),
            "split" => (_, a) => Split(text, a, name, StringOperations.Split),
            "rsplit" => (_, a) => Split(text, a, name, StringOperations.RSplit),
            "splitlines" => (_, a) => SplitLines(text, a.Bind(name, "keepends")[0]?.IsTruthy ?? false),
            "replace" => (i, a) => Replace(i, text, a),
            "format" => (i, a) => PythonFormat.Format(text, a, i.Budget),
            "join" => (i, a) => Join(i, text, a),
            "find" => (_, a) => IntegerValue.Of(Find(text, a, name, last: false)),
            "rfind" => (_, a) => IntegerValue.Of(Find(text, a, name, last: true)),
            "count" => (_, a) => IntegerValue.Of(Count(text, RequireString(a.Bind(name, "sub")[0], name))),
            "removeprefix" => (_, a) => RemoveAffix(text, RequireString(a.Bind(name, "prefix")[0], name), prefix: true),
            "removesuffix" => (_, a) => RemoveAffix(text, RequireString(a.Bind(name, "suffix")[0], name), prefix: false),
            "isdigit" or "isnumeric" or "isdecimal" => (_, a) => Classify(a, name, text, char.IsDigit),
            "isalpha" => (_, a) => Classify(a, name, text, char.IsLetter),
            "isalnum" => (_, a) => Classify(a, name, text, char.IsLetterOrDigit),
            "isspace" => (_, a) => Classify(a, name, text, char.IsWhiteSpace),
            "islower" => (_, a) => NoArguments(a, name, BooleanValue.Of(HasCased(text) && text.Text == text.Text.ToLowerInvariant())),
            "isupper" => (_, a) => NoArguments(a, name, BooleanValue.Of(HasCased(text) && text.Text == text.Text.ToUpperInvariant())),
            _ => null,
        };
        return method is null ? null : new CallableValue($"str.{name}", method);
    }

    private static JinjaValue NoArguments(CallArguments arguments, string name, JinjaValue result)
    {
        arguments.Bind(name);
        return result;
    }

    private static StringValue RequireString(JinjaValue? value, string function) =>
        value as StringValue ?? throw new JinjaRenderException($"{function}() needs a string argument, not '{value?.TypeName ?? "nothing"}'.");

    private static bool MatchesAffix(StringValue text, JinjaValue? affix, string name, bool prefix)
    {
        bool Matches(JinjaValue candidate) => candidate is StringValue s
            ? prefix ? text.Text.StartsWith(s.Text, StringComparison.Ordinal) : text.Text.EndsWith(s.Text, StringComparison.Ordinal)
            : throw new JinjaRenderException($"{name}() takes a string or a tuple of strings.");

        return affix switch
        {
            StringValue => Matches(affix),
            ListValue list => list.Items.Any(Matches),
            _ => throw new JinjaRenderException($"{name}() takes a string or a tuple of strings."),
        };
    }

    private static JinjaValue Split(StringValue text, CallArguments arguments, string name, Func<StringValue, StringValue?, long, ListValue> split)
    {
        var slots = arguments.Bind(name, "sep", "maxsplit");
        var separator = slots[0] switch
        {
            null or NoneValue => null,
            StringValue s => s,
            var other => throw new JinjaRenderException($"{name}() separator must be a string or none, not '{other.TypeName}'."),
        };
        var maxSplit = slots[1] switch
        {
            null => -1,
            IntegerValue i => i.Value,
            var other => throw new JinjaRenderException($"{name}() maxsplit must be an integer, not '{other.TypeName}'."),
        };
        return split(text, separator, maxSplit);
    }

    private static ListValue SplitLines(StringValue text, bool keepEnds)
    {
        var lines = new List<JinjaValue>();
        var s = text.Text;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!StringOperations.IsLineBreak(s[i]))
            {
                continue;
            }

            var breakLength = s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
            lines.Add(text.Slice(start, i - start + (keepEnds ? breakLength : 0)));
            i += breakLength - 1;
            start = i + 1;
        }

        if (start < s.Length)
        {
            lines.Add(text.Slice(start));
        }

        return ListValue.Of(lines);
    }

    public static StringValue Replace(Interpreter interpreter, StringValue text, CallArguments arguments)
    {
        var slots = arguments.Bind("replace", "old", "new", "count");
        var old = RequireString(slots[0], "replace");
        var replacement = RequireString(slots[1], "replace");
        var count = slots[2] switch
        {
            null or NoneValue => -1,
            IntegerValue i => i.Value,
            var other => throw new JinjaRenderException($"replace() count must be an integer, not '{other.TypeName}'."),
        };
        return StringOperations.Replace(text, old, replacement, count, interpreter.Budget);
    }

    private static StringValue Join(Interpreter interpreter, StringValue separator, CallArguments arguments)
    {
        var items = Filters.Items(arguments.Bind("join", "iterable")[0] ?? UndefinedValue.Instance, "join");
        return StringOperations.Join(items.Select(i => ValueFormatter.ToText(i, interpreter.Budget)), separator, interpreter.Budget);
    }

    private static long Find(StringValue text, CallArguments arguments, string name, bool last)
    {
        var slots = arguments.Bind(name, "sub", "start", "end");
        var sub = RequireString(slots[0], name).Text;
        var (start, end, _) = SliceBounds.Resolve(text.Length, slots[1], slots[2], null);
        if (end < start || end - start < sub.Length)
        {
            return -1;
        }

        var window = text.Text.AsSpan((int)start, (int)(end - start));
        var at = last ? window.LastIndexOf(sub, StringComparison.Ordinal) : window.IndexOf(sub, StringComparison.Ordinal);
        return at < 0 ? -1 : at + start;
    }

    private static long Count(StringValue text, StringValue sub)
    {
        if (sub.Length == 0)
        {
            return text.Length + 1;
        }

        long count = 0;
        for (var at = text.Text.IndexOf(sub.Text, StringComparison.Ordinal); at >= 0; at = text.Text.IndexOf(sub.Text, at + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static StringValue RemoveAffix(StringValue text, StringValue affix, bool prefix)
    {
        if (prefix)
        {
            return text.Text.StartsWith(affix.Text, StringComparison.Ordinal) ? text.Slice(affix.Length) : text;
        }

        return text.Text.EndsWith(affix.Text, StringComparison.Ordinal) ? text.Slice(0, text.Length - affix.Length) : text;
    }

    private static BooleanValue Classify(CallArguments arguments, string name, StringValue text, Func<string, int, bool> test)
    {
        arguments.Bind(name);
        if (text.Length == 0)
        {
            return BooleanValue.False;
        }

        for (var i = 0; i < text.Length; i += StringOperations.CodePointWidth(text.Text, i))
        {
            if (!test(text.Text, i))
            {
                return BooleanValue.False;
            }
        }

        return BooleanValue.True;
    }

    private static bool HasCased(StringValue text) => text.Text.Any(c => char.IsUpper(c) || char.IsLower(c));
}
