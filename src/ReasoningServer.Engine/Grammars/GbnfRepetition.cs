using System.Globalization;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Bounded and unbounded repetitions in the shape llama.cpp parses fastest (<c>x{m,n}</c> rather than chains of
/// <c>x?</c>). llama.cpp rejects a count above 2000 and reads a larger maximum as "no maximum", so larger counts
/// are split into chunks that each stay within its limit.
/// </summary>
internal static class GbnfRepetition
{
    /// <summary>llama.cpp's <c>MAX_REPETITION_THRESHOLD</c>.</summary>
    public const int NativeLimit = 2000;

    /// <summary>
    /// <paramref name="item"/> repeated between <paramref name="min"/> and <paramref name="max"/> times (no maximum
    /// when null). The item must be one GBNF symbol: a rule name, a literal, a class, or a group with no nested
    /// group (llama.cpp multiplies the rules a group creates by the count and refuses large products).
    /// Returns "" for exactly zero repetitions.
    /// </summary>
    public static string Repeat(string item, int min, int? max)
    {
        var parts = new List<string>();
        var remaining = min;
        while (remaining > NativeLimit)
        {
            parts.Add(Count(item, NativeLimit, NativeLimit));
            remaining -= NativeLimit;
        }

        if (remaining > 0)
        {
            parts.Add(Count(item, remaining, remaining));
        }

        if (max is null)
        {
            parts.Add(item + "*");
        }
        else if (max.Value > min)
        {
            parts.Add(AtMost(item, max.Value - min));
        }

        return string.Join(" ", parts);
    }

    /// <summary>
    /// <paramref name="item"/> repeated <paramref name="min"/> to <paramref name="max"/> times with
    /// <paramref name="separator"/> between consecutive items (JSON array elements, for instance).
    /// </summary>
    public static string SeparatedList(string item, string separator, int min, int? max)
    {
        if (max == 0)
        {
            return "";
        }

        var rest = Repeat("(" + separator + " " + item + ")", Math.Max(min - 1, 0), max - 1);
        var list = rest.Length == 0 ? item : item + " " + rest;
        return min == 0 ? "(" + list + ")?" : list;
    }

    private static string AtMost(string item, int count)
    {
        if (count <= NativeLimit)
        {
            return Count(item, 0, count);
        }

        // Either a full chunk and the rest, or fewer than a chunk: the two branches differ in length, so no string
        // has two parses and llama.cpp keeps few stacks.
        return "(" + Count(item, NativeLimit, NativeLimit) + " " + AtMost(item, count - NativeLimit)
            + " | " + Count(item, 0, NativeLimit - 1) + ")";
    }

    private static string Count(string item, int min, int max)
    {
        if (min == max)
        {
            return min == 1 ? item : item + "{" + Number(min) + "}";
        }

        return min == 0 && max == 1 ? item + "?" : item + "{" + Number(min) + "," + Number(max) + "}";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
