using System.Globalization;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Python's <c>repr(float)</c>: the shortest digits that read back the same, <c>1.0</c> for whole numbers,
/// exponent form below 1e-4 and from 1e16 (<c>1e-05</c>, <c>1e+16</c>).</summary>
internal static class PythonFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (negative, digits, point) = ShortestDigits(value);
        var sign = negative ? "-" : string.Empty;
        if (point is < -3 or > 16)
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            var exponent = point - 1;
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{digits}";
        }

        return point >= digits.Length
            ? $"{sign}{digits}{new string('0', point - digits.Length)}.0"
            : $"{sign}{digits[..point]}.{digits[point..]}";
    }

    /// <summary>The significant digits (no leading or trailing zeros) and where the decimal point goes among them.</summary>
    internal static (bool Negative, string Digits, int Point) ShortestDigits(double value)
    {
        // .NET's "R" is the shortest round-trip form, like Python's repr, only spelled differently.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var integerPart = dot < 0 ? text : text[..dot];
        var digits = dot < 0 ? text : integerPart + text[(dot + 1)..];
        var point = integerPart.Length + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        return (value < 0, digits.Length == 0 ? "0" : digits, point - leading);
    }
}
