namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A list or tuple. Lists the host supplied are read-only, so one render cannot change what the next sees.</summary>
internal sealed class ListValue(List<JinjaValue> items, bool isTuple, bool isReadOnly) : JinjaValue
{
    public List<JinjaValue> Items { get; } = items;

    public bool IsTuple { get; } = isTuple;

    public bool IsReadOnly { get; } = isReadOnly;

    public int Count => Items.Count;

    internal override string TypeName => IsTuple ? "tuple" : "list";

    internal override bool IsTruthy => Items.Count > 0;

    public static ListValue Of(List<JinjaValue> items) => new(items, isTuple: false, isReadOnly: false);

    public static ListValue Tuple(params JinjaValue[] items) => new([.. items], isTuple: true, isReadOnly: false);

    public void EnsureWritable(string method)
    {
        if (IsReadOnly)
        {
            throw new JinjaRenderException($"{method}() cannot change a list the host supplied.");
        }
    }
}
