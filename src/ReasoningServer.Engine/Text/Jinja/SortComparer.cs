namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// The order of <c>sort</c>, <c>dictsort</c>, <c>min</c> and <c>max</c>: as the reference compares values,
/// numbers with numbers, strings with strings (lower-cased unless case-sensitive), none and undefined only with their own kind.
/// </summary>
internal sealed class SortComparer(bool caseSensitive, bool reverse) : IComparer<JinjaValue>
{
    public int Compare(JinjaValue? x, JinjaValue? y)
    {
        var result = CompareValues(x!, y!);
        return reverse ? -result : result;
    }

    private int CompareValues(JinjaValue a, JinjaValue b)
    {
        if (a is NoneValue && b is NoneValue || a is UndefinedValue && b is UndefinedValue)
        {
            return 0;
        }

        if (a is StringValue x && b is StringValue y)
        {
            return caseSensitive ? string.CompareOrdinal(x.Text, y.Text) : string.CompareOrdinal(x.Text.ToLowerInvariant(), y.Text.ToLowerInvariant());
        }

        if (Operators.IsNumber(a) && Operators.IsNumber(b))
        {
            return Operators.ToDouble(a).CompareTo(Operators.ToDouble(b));
        }

        throw new JinjaRenderException($"Cannot compare '{a.TypeName}' with '{b.TypeName}' for sorting.");
    }
}
