namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A dictionary with string keys in insertion order, as Python's dict.</summary>
internal sealed class DictValue : JinjaValue
{
    private readonly OrderedDictionary<string, DictEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IEnumerable<DictEntry> Entries => _entries.Values;

    internal override string TypeName => "dict";

    internal override bool IsTruthy => _entries.Count > 0;

    public bool TryGet(string key, out JinjaValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = UndefinedValue.Instance;
        return false;
    }

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <summary>Adds or replaces; a replaced key keeps its place.</summary>
    public void Set(StringValue key, JinjaValue value) => _entries[key.Text] = new DictEntry(key, value);
}
