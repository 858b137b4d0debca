namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Dict methods: <c>get</c>, <c>items</c>, <c>keys</c>, <c>values</c>, and the reference's <c>dictsort</c>.</summary>
internal static class DictMethods
{
    public static JinjaValue? Get(DictValue dict, string name)
    {
        Func<Interpreter, CallArguments, JinjaValue>? method = name switch
        {
            "get" => (_, a) => GetValue(dict, a.Bind(name, "key", "default")),
            "items" => (_, a) => NoArguments(a, name, Items(dict)),
            "keys" => (_, a) => NoArguments(a, name, Keys(dict)),
            "values" => (_, a) => NoArguments(a, name, ListValue.Of(dict.Entries.Select(e => e.Value).ToList())),
            "dictsort" => (i, a) => Filters.DictSort(i, dict, a),
            _ => null,
        };
        return method is null ? null : new CallableValue($"dict.{name}", method);
    }

    /// <summary>The (key, value) pairs as tuples.</summary>
    public static ListValue Items(DictValue dict) =>
        ListValue.Of(dict.Entries.Select(e => (JinjaValue)ListValue.Tuple(e.Key, e.Value)).ToList());

    public static ListValue Keys(DictValue dict) => ListValue.Of(dict.Entries.Select(e => (JinjaValue)e.Key).ToList());

    private static JinjaValue NoArguments(CallArguments arguments, string name, JinjaValue result)
    {
        arguments.Bind(name);
        return result;
    }

    private static JinjaValue GetValue(DictValue dict, JinjaValue?[] slots)
    {
        var key = slots[0] ?? throw new JinjaRenderException("get() needs a key.");
        return dict.TryGet(key, out var value) ? value : slots[1] ?? NoneValue.Instance;
    }
}
