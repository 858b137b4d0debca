namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Evaluated arguments of a call, filter or test: positional ones, then keyword ones in call order.</summary>
internal sealed class CallArguments(IReadOnlyList<JinjaValue> positional, IReadOnlyList<KeyValuePair<string, JinjaValue>> keyword)
{
    public static readonly CallArguments Empty = new([], []);

    public IReadOnlyList<JinjaValue> Positional { get; } = positional;

    public IReadOnlyList<KeyValuePair<string, JinjaValue>> Keyword { get; } = keyword;

    /// <summary>The body of the <c>{% call %}</c> block invoking a macro, which the macro reaches as <c>caller()</c>.</summary>
    public JinjaValue? Caller { get; init; }

    /// <summary>
    /// Matches the arguments to a built-in's parameters, Python style: position first, then by name. A slot is
    /// null when the argument was not given.
    /// </summary>
    public JinjaValue?[] Bind(string function, params string[] names)
    {
        if (Positional.Count > names.Length)
        {
            throw new JinjaRenderException($"{function}() takes at most {names.Length} argument(s), {Positional.Count} given.");
        }

        var slots = new JinjaValue?[names.Length];
        for (var i = 0; i < Positional.Count; i++)
        {
            slots[i] = Positional[i];
        }

        foreach (var (name, value) in Keyword)
        {
            var index = Array.IndexOf(names, name);
            if (index < 0)
            {
                throw new JinjaRenderException($"{function}() got an unexpected keyword argument '{name}'.");
            }

            if (slots[index] is not null)
            {
                throw new JinjaRenderException($"{function}() got multiple values for argument '{name}'.");
            }

            slots[index] = value;
        }

        return slots;
    }
}
