using System.Globalization;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// GBNF for JSON numbers between whole-number bounds (<c>{"type":"number","minimum":0,"maximum":1}</c>, zod's
/// <c>exclusiveMinimum: 0</c>). A number is written as an integer part and an optional fraction, without an
/// exponent; its value is compared through the integer part, with the fraction deciding only at a bound
/// (x &gt; 3 allows 3.5 but not 3.0; x &lt;= 3 allows 3.0 but not 3.5).
/// </summary>
internal static class NumberRangeGrammar
{
    /// <summary>An expression for the numbers within the bounds (null for none), or null when no number is.</summary>
    public static string? Range(GbnfGrammarBuilder builder, (long Value, bool Exclusive)? minimum, (long Value, bool Exclusive)? maximum)
    {
        var alternatives = new List<string>();

        // x >= 0: the magnitude's lower bound is the minimum when it is not negative, else 0 inclusive.
        var nonNegativeLow = minimum is { Value: >= 0 } low ? low : (0, false);
        if (Magnitudes(builder, nonNegativeLow, maximum) is { } nonNegative)
        {
            alternatives.Add(nonNegative);
        }

        // x < 0 is "-" and a magnitude y = -x > 0: x's maximum bounds y from below, x's minimum from above.
        if (minimum is null || minimum.Value.Value < 0)
        {
            var magnitudeLow = maximum is { Value: < 0 } high ? (-high.Value, high.Exclusive) : (0L, true);
            var magnitudeHigh = minimum is { } min ? (-min.Value, min.Exclusive) : ((long, bool)?)null;
            if (Magnitudes(builder, magnitudeLow, magnitudeHigh) is { } negative)
            {
                alternatives.Add("\"-\" (" + negative + ")");
            }
        }

        return alternatives.Count == 0 ? null : string.Join(" | ", alternatives);
    }

    /// <summary>Non-negative numbers y with low &lt;(=) y &lt;(=) high, or null when there are none.</summary>
    private static string? Magnitudes(GbnfGrammarBuilder builder, (long Value, bool Exclusive) low, (long Value, bool Exclusive)? high)
    {
        var pieces = new List<string>();
        var fraction = "(\".\" " + JsonGrammarPrimitives.DecimalPart(builder) + ")?";

        // Integer parts strictly inside the bounds take any fraction.
        var firstWhole = low.Exclusive ? low.Value + 1 : low.Value;
        var lastWhole = high is { } h ? h.Value - 1 : IntegerRangeGrammar.MaxMagnitude;
        if (firstWhole <= lastWhole)
        {
            pieces.Add("(" + IntegerRangeGrammar.NonNegative(firstWhole, lastWhole) + ") " + fraction);
        }

        // Just above an exclusive lower bound: its integer part with a fraction that is not all zeros.
        if (low.Exclusive && (high is null || low.Value < high.Value.Value))
        {
            pieces.Add(Whole(low.Value) + " \".\" [0-9]{0,15} [1-9]");
        }

        // At an inclusive upper bound: its integer part with no fraction or only zeros.
        if (high is { Exclusive: false } top && (top.Value > low.Value || (top.Value == low.Value && !low.Exclusive)))
        {
            pieces.Add(Whole(top.Value) + " (\".\" [0]{1,16})?");
        }

        return pieces.Count == 0 ? null : string.Join(" | ", pieces);
    }

    private static string Whole(long value) => "\"" + value.ToString(CultureInfo.InvariantCulture) + "\"";
}
