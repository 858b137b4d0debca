namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>The functions every template can call: <c>range</c>, <c>namespace</c>, <c>dict</c>, and Hugging Face's
/// <c>raise_exception</c> and <c>strftime_now</c>.</summary>
internal static class Globals
{
    public static Scope Create()
    {
        var scope = new Scope(null);
        scope.Set("range", new CallableValue("range", Range));
        scope.Set("namespace", new CallableValue("namespace", Namespace));
        scope.Set("dict", new CallableValue("dict", Dict));
        scope.Set("raise_exception", new CallableValue("raise_exception", RaiseException));
        scope.Set("strftime_now", new CallableValue("strftime_now", StrftimeNow));
        return scope;
    }

    private static JinjaValue Range(Interpreter interpreter, CallArguments arguments)
    {
        var slots = arguments.Bind("range", "start", "stop", "step");
        long Integer(JinjaValue? value) => value switch
        {
            IntegerValue integer => integer.Value,
            BooleanValue boolean => boolean.Value ? 1 : 0,
            _ => throw new JinjaRenderException($"range() needs integers, not '{value?.TypeName ?? "nothing"}'."),
        };

        var (start, stop) = slots[1] is null ? (0, Integer(slots[0])) : (Integer(slots[0]), Integer(slots[1]));
        var step = slots[2] is null ? 1 : Integer(slots[2]);
        if (step == 0)
        {
            throw new JinjaRenderException("range() step must not be zero.");
        }

        var count = step > 0 ? Math.Max(0, ((stop - start) + step - 1) / step) : Math.Max(0, ((start - stop) - step - 1) / -step);
        // Charged up front so that range(10**12) fails at once instead of filling memory.
        interpreter.Budget.Steps(count);
        var items = new List<JinjaValue>((int)count);
        for (var i = 0L; i < count; i++)
        {
            items.Add(IntegerValue.Of(start + (i * step)));
        }

        return ListValue.Of(items);
    }

    private static JinjaValue Namespace(Interpreter interpreter, CallArguments arguments)
    {
        if (arguments.Positional.Count > 1)
        {
            throw new JinjaRenderException($"namespace() takes at most 1 positional argument, {arguments.Positional.Count} given.");
        }

        var attributes = new DictValue();
        if (arguments.Positional.Count == 1)
        {
            switch (arguments.Positional[0])
            {
                case DictValue initial:
                    foreach (var entry in initial.Entries)
                    {
                        attributes.Set(entry.Key, entry.Value);
                    }

                    break;
                case ListValue pairs:
                    foreach (var pair in pairs.Items)
                    {
                        if (pair is not ListValue { Count: 2 } kv || kv.Items[0] is not StringValue key)
                        {
                            throw new JinjaRenderException("namespace() expects a mapping or (key, value) pairs.");
                        }

                        attributes.Set(key, kv.Items[1]);
                    }

                    break;
                default:
                    throw new JinjaRenderException($"namespace() expects a mapping, not '{arguments.Positional[0].TypeName}'.");
            }
        }

        foreach (var (name, value) in arguments.Keyword)
        {
            attributes.Set(StringValue.FromTemplate(name), value);
        }

        return new NamespaceValue(attributes);
    }

    private static JinjaValue Dict(Interpreter interpreter, CallArguments arguments)
    {
        var dict = new DictValue();
        foreach (var positional in arguments.Positional)
        {
            if (positional is not DictValue initial)
            {
                throw new JinjaRenderException("dict() takes a mapping and keyword arguments.");
            }

            foreach (var entry in initial.Entries)
            {
                dict.Set(entry.Key, entry.Value);
            }
        }

        foreach (var (name, value) in arguments.Keyword)
        {
            dict.Set(StringValue.FromTemplate(name), value);
        }

        return dict;
    }

    private static JinjaValue RaiseException(Interpreter interpreter, CallArguments arguments)
    {
        var message = arguments.Positional.Count > 0 ? ValueFormatter.ToText(arguments.Positional[0], interpreter.Budget).Text : string.Empty;
        throw new JinjaRaisedException(message);
    }

    private static JinjaValue StrftimeNow(Interpreter interpreter, CallArguments arguments)
    {
        if (arguments.Bind("strftime_now", "format")[0] is not StringValue format)
        {
            throw new JinjaRenderException("strftime_now() needs a format string.");
        }

        return StringValue.Derived(Strftime.Format(interpreter.Now(), format.Text), format.HasData);
    }
}
