namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A dictionary in insertion order, as Python's dict; keys are strings, numbers, booleans or none.</summary>
internal sealed class DictValue : JinjaValue
{
    // Stands for the none key in the index, which needs a non-null object.
    private static readonly object NoneKey = new();

    private readonly OrderedDictionary<object, DictEntry> _entries = [];

    public int Count => _entries.Count;

    public IEnumerable<DictEntry> Entries => _entries.Values;

    internal override string TypeName => "dict";

    internal override bool IsTruthy => _entries.Count > 0;

    /// <summary>
    /// The index key, equal exactly when Python's keys are: 1, 1.0 and true are one key. Null for values that
    /// cannot be keys (lists, dicts, ...).
    /// </summary>
    public static object? IndexKey(JinjaValue key) => key switch
    {
        StringValue text => text.Text,
        IntegerValue integer => integer.Value,
        BooleanValue boolean => boolean.Value ? 1L : 0L,
        FloatValue number => number.Value == Math.Floor(number.Value) && Math.Abs(number.Value) < 9e18 ? (object)(long)number.Value : number.Value,
        NoneValue => NoneKey,
        _ => null,
    };

    public bool TryGet(string key, out JinjaValue value) => TryGetIndexed(key, out value);

    public bool TryGet(JinjaValue key, out JinjaValue value)
    {
        if (IndexKey(key) is { } index)
        {
            return TryGetIndexed(index, out value);
        }

        value = UndefinedValue.Instance;
        return false;
    }

    public bool ContainsKey(JinjaValue key) => IndexKey(key) is { } index && _entries.ContainsKey(index);

    /// <summary>Adds or replaces; a replaced key keeps its place.</summary>
    public void Set(JinjaValue key, JinjaValue value)
    {
        var index = IndexKey(key) ?? throw new JinjaRenderException($"Unhashable type '{key.TypeName}' cannot be a dictionary key.");
        _entries[index] = new DictEntry(key, value);
    }

    private bool TryGetIndexed(object key, out JinjaValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = UndefinedValue.Instance;
        return false;
    }
}
