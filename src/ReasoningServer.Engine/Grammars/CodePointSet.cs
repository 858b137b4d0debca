namespace ReasoningServer.Engine.Grammars;

/// <summary>A set of Unicode code points as sorted, disjoint, inclusive ranges; <see cref="Negated"/> means all others.</summary>
internal sealed class CodePointSet
{
    private readonly List<(int Low, int High)> _ranges = [];

    public bool Negated { get; init; }

    public IReadOnlyList<(int Low, int High)> Ranges => _ranges;

    public static CodePointSet Of(params (int Low, int High)[] ranges)
    {
        var set = new CodePointSet();
        foreach (var (low, high) in ranges)
        {
            set.Add(low, high);
        }

        return set;
    }

    /// <summary>ECMAScript <c>\d</c>.</summary>
    public static CodePointSet Digits() => Of(('0', '9'));

    /// <summary>ECMAScript <c>\w</c>.</summary>
    public static CodePointSet WordCharacters() => Of(('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_'));

    /// <summary>ECMAScript <c>\s</c>: white space and line terminators.</summary>
    public static CodePointSet WhiteSpace() => Of(('\t', '\r'), (' ', ' '), (0xA0, 0xA0), (0x1680, 0x1680),
        (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF));

    /// <summary>ECMAScript <c>.</c>: anything but a line terminator.</summary>
    public static CodePointSet AnyButLineTerminator() =>
        new CodePointSet { Negated = true }.With(('\n', '\n'), ('\r', '\r'), (0x2028, 0x2029));

    public CodePointSet With(params (int Low, int High)[] ranges)
    {
        foreach (var (low, high) in ranges)
        {
            Add(low, high);
        }

        return this;
    }

    public void Add(int low, int high)
    {
        _ranges.Add((low, high));
        _ranges.Sort();
        for (var i = _ranges.Count - 1; i > 0; i--)
        {
            if (_ranges[i].Low <= _ranges[i - 1].High + 1)
            {
                _ranges[i - 1] = (_ranges[i - 1].Low, Math.Max(_ranges[i - 1].High, _ranges[i].High));
                _ranges.RemoveAt(i);
            }
        }
    }

    public void AddAll(CodePointSet other)
    {
        foreach (var (low, high) in other.Ranges)
        {
            Add(low, high);
        }
    }

    public bool Contains(int codePoint)
    {
        var listed = _ranges.Any(range => range.Low <= codePoint && codePoint <= range.High);
        return listed != Negated;
    }

    /// <summary>The single code point this set is, or null.</summary>
    public int? Single => !Negated && _ranges.Count == 1 && _ranges[0].Low == _ranges[0].High ? _ranges[0].Low : null;
}
