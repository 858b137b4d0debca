using System.Globalization;
using System.Text.RegularExpressions;

namespace ReasoningServer.Reasoning.TestTime;

/// <summary>
/// Makes answers that mean the same compare equal: whitespace trimmed and collapsed, and a number written in
/// its canonical form ("042", "42.0", "+42" and "42" all vote for "42"; "1,000" for "1000").
/// </summary>
public static partial class AnswerNormalizer
{
    public static string Normalize(string answer)
    {
        var text = Whitespace().Replace(answer.Trim(), " ");
        return CanonicalNumber(text) ?? text;
    }

    /// <summary>The invariant shortest form of a decimal number, or null when <paramref name="text"/> is not one.</summary>
    public static string? CanonicalNumber(string text)
    {
        var plain = text.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!NumberShape().IsMatch(plain)
            || !decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        // "G29"-style formatting drops trailing zeros; negative zero reads as zero.
        return value == 0 ? "0" : value.ToString("0.############################", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)$")]
    private static partial Regex NumberShape();
}
