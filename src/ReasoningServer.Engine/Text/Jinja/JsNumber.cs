namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>JavaScript's <c>Number.prototype.toString()</c>, which the reference uses when it concatenates a number.</summary>
internal static class JsNumber
{
    public static string ToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        var (negative, digits, point) = PythonFloat.ShortestDigits(value);
        var sign = negative ? "-" : string.Empty;
        if (point is > 21 or <= -6)
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            var exponent = point - 1;
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent)}";
        }

        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{digits}";
        }

        return point >= digits.Length ? sign + digits + new string('0', point - digits.Length) : $"{sign}{digits[..point]}.{digits[point..]}";
    }
}
