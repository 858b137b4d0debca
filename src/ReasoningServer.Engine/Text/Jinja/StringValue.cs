namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// A string and the provenance of its characters: which ranges came from host data. Most strings are wholly one
/// or the other, so the ranges are a small flat array, and a string with no data carries none at all.
/// </summary>
internal sealed class StringValue : JinjaValue
{
    public static readonly StringValue Empty = new(string.Empty, null);

    // Flattened [start, end) pairs, ascending, non-empty and never touching; null when no character is data.
    private readonly int[]? _data;

    private StringValue(string text, int[]? data)
    {
        Text = text;
        _data = data;
    }

    public string Text { get; }

    public int Length => Text.Length;

    public bool HasData => _data is not null;

    public ReadOnlySpan<int> DataRanges => _data;

    internal override string TypeName => "str";

    internal override bool IsTruthy => Text.Length > 0;

    public static StringValue FromTemplate(string text) => text.Length == 0 ? Empty : new StringValue(text, null);

    public static StringValue FromData(string text) => text.Length == 0 ? Empty : new StringValue(text, [0, text.Length]);

    /// <summary>A string computed from others in a way that cannot be traced per character: all data if any input was.</summary>
    public static StringValue Derived(string text, bool fromData) => fromData ? FromData(text) : FromTemplate(text);

    /// <summary>Wraps ranges a <see cref="TextBuilder"/> has already normalised.</summary>
    public static StringValue FromRanges(string text, int[]? data) => text.Length == 0 ? Empty : new StringValue(text, data);

    /// <summary>The same provenance over new text of the same length (case changes that keep the length).</summary>
    public StringValue WithSameLengthText(string text) => text.Length == Text.Length ? new StringValue(text, _data) : Derived(text, HasData);

    public StringValue Slice(int start, int length)
    {
        if (start == 0 && length == Text.Length)
        {
            return this;
        }

        if (length == 0)
        {
            return Empty;
        }

        var text = Text.Substring(start, length);
        if (_data is null)
        {
            return new StringValue(text, null);
        }

        var end = start + length;
        List<int>? ranges = null;
        for (var i = 0; i < _data.Length; i += 2)
        {
            var from = Math.Max(_data[i], start);
            var to = Math.Min(_data[i + 1], end);
            if (from < to)
            {
                ranges ??= [];
                ranges.Add(from - start);
                ranges.Add(to - start);
            }
        }

        return new StringValue(text, ranges?.ToArray());
    }

    public StringValue Slice(int start) => Slice(start, Text.Length - start);

    /// <summary>Whether the character at <paramref name="index"/> came from data.</summary>
    public bool IsDataAt(int index)
    {
        if (_data is null)
        {
            return false;
        }

        for (var i = 0; i < _data.Length; i += 2)
        {
            if (index < _data[i])
            {
                return false;
            }

            if (index < _data[i + 1])
            {
                return true;
            }
        }

        return false;
    }
}
