using System.Globalization;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// GBNF for the decimal integers in a closed range, digit by digit, as llama.cpp's json-schema-to-grammar does
/// for <c>minimum</c>/<c>maximum</c>: numbers of each length get their own alternative, and within one length the
/// range splits at the first digit where its ends differ. Integers have at most 16 digits, like the plain integer rule.
/// </summary>
internal static class IntegerRangeGrammar
{
    /// <summary>The largest magnitude any generated integer may have (16 digits).</summary>
    public const long MaxMagnitude = 9_999_999_999_999_999;

    /// <summary>An expression (may hold top-level '|') for the integers from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static string Range(long low, long high)
    {
        if (low > high || low < -MaxMagnitude || high > MaxMagnitude)
        {
            throw new ArgumentOutOfRangeException(nameof(low), $"Cannot write the range [{low}, {high}].");
        }

        var alternatives = new List<string>();
        if (low < 0)
        {
            alternatives.Add("\"-\" (" + NonNegative(Math.Max(1, -Math.Min(high, -1)), -low) + ")");
        }

        if (high >= 0)
        {
            alternatives.Add(NonNegative(Math.Max(low, 0), high));
        }

        return string.Join(" | ", alternatives);
    }

    /// <summary>An expression for the integers from <paramref name="low"/> to <paramref name="high"/>, both at least 0.</summary>
    public static string NonNegative(long low, long high)
    {
        var alternatives = new List<string>();
        if (low == 0)
        {
            alternatives.Add("\"0\"");
            low = 1;
        }

        // A run of lengths whose numbers are all in range, written as one "[1-9] [0-9]{m,n}".
        int? fullRunStart = null;
        var fullRunEnd = 0;
        void FlushFullRun()
        {
            if (fullRunStart is { } start)
            {
                alternatives.Add("[1-9]" + Digits(start - 1, fullRunEnd - 1));
                fullRunStart = null;
            }
        }

        for (var length = DigitCount(low); low <= high && length <= DigitCount(high); length++)
        {
            var smallest = Power10(length - 1);
            var largest = Power10(length) - 1;
            var from = Math.Max(low, smallest);
            var to = Math.Min(high, largest);
            if (from == smallest && to == largest)
            {
                fullRunStart ??= length;
                fullRunEnd = length;
                continue;
            }

            FlushFullRun();
            alternatives.Add(SameLength(Text(from), Text(to)));
        }

        FlushFullRun();
        return string.Join(" | ", alternatives);
    }

    /// <summary>Digit strings of one length from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static string SameLength(string from, string to)
    {
        var common = 0;
        while (common < from.Length && from[common] == to[common])
        {
            common++;
        }

        var prefix = common > 0 ? "\"" + from[..common] + "\"" : "";
        if (common == from.Length)
        {
            return prefix;
        }

        var rest = from.Length - common - 1;
        var low = from[common];
        var high = to[common];
        var lowTail = from[(common + 1)..];
        var highTail = to[(common + 1)..];
        var lowTailIsSmallest = lowTail.All(c => c == '0');
        var highTailIsLargest = highTail.All(c => c == '9');

        var alternatives = new List<string>();
        var middleLow = low;
        var middleHigh = high;
        if (!lowTailIsSmallest)
        {
            alternatives.Add("[" + low + "] (" + SameLength(lowTail, new string('9', rest)) + ")");
            middleLow++;
        }

        if (!highTailIsLargest)
        {
            middleHigh--;
        }

        if (middleLow <= middleHigh)
        {
            alternatives.Add(DigitClass(middleLow, middleHigh) + Digits(rest, rest));
        }

        if (!highTailIsLargest)
        {
            alternatives.Add("[" + high + "] (" + SameLength(new string('0', rest), highTail) + ")");
        }

        var choice = alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
        return prefix.Length == 0 ? choice : prefix + " " + choice;
    }

    private static string DigitClass(char low, char high) => low == high ? "[" + low + "]" : "[" + low + "-" + high + "]";

    /// <summary>" [0-9]{min,max}" in its shortest spelling, "" for none.</summary>
    private static string Digits(int min, int max)
    {
        if (max == 0)
        {
            return "";
        }

        if (min == max)
        {
            return min == 1 ? " [0-9]" : " [0-9]{" + Text(min) + "}";
        }

        return " [0-9]{" + Text(min) + "," + Text(max) + "}";
    }

    private static int DigitCount(long value) => Text(value).Length;

    private static long Power10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
