using System.Globalization;
using System.Text;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Python's <c>strftime</c> in the C locale, with glibc's <c>%-d</c> (no padding), which Python on Linux passes through.</summary>
internal static class Strftime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTimeOffset time, string format)
    {
        var text = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                text.Append(format[i]);
                continue;
            }

            var noPad = format[i + 1] == '-' && i + 2 < format.Length;
            var code = format[noPad ? i + 2 : i + 1];
            var field = Field(time, code);
            if (field is null)
            {
                text.Append(format, i, noPad ? 3 : 2);
            }
            else
            {
                text.Append(noPad && field.Length > 1 ? field.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0" : field);
            }

            i += noPad ? 2 : 1;
        }

        return text.ToString();
    }

    private static string? Field(DateTimeOffset t, char code)
    {
        static string Two(int value) => value.ToString("00", CultureInfo.InvariantCulture);
        var hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        return code switch
        {
            'a' => Days[(int)t.DayOfWeek][..3],
            'A' => Days[(int)t.DayOfWeek],
            'w' => ((int)t.DayOfWeek).ToString(CultureInfo.InvariantCulture),
            'd' => Two(t.Day),
            'e' => t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
            'b' or 'h' => Months[t.Month - 1][..3],
            'B' => Months[t.Month - 1],
            'm' => Two(t.Month),
            'y' => Two(t.Year % 100),
            'Y' => t.Year.ToString(CultureInfo.InvariantCulture),
            'H' => Two(t.Hour),
            'I' => Two(hour12),
            'p' => t.Hour < 12 ? "AM" : "PM",
            'M' => Two(t.Minute),
            'S' => Two(t.Second),
            'f' => (t.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture),
            'z' => (t.Offset < TimeSpan.Zero ? "-" : "+") + t.Offset.ToString("hhmm", CultureInfo.InvariantCulture),
            'Z' => t.Offset == TimeSpan.Zero ? "UTC" : string.Empty,
            'j' => t.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
            'U' => Two((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7),
            'W' => Two((t.DayOfYear + 6 - (((int)t.DayOfWeek + 6) % 7)) / 7),
            'c' => $"{Days[(int)t.DayOfWeek][..3]} {Months[t.Month - 1][..3]} {t.Day,2} {Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)} {t.Year}",
            'x' => $"{Two(t.Month)}/{Two(t.Day)}/{Two(t.Year % 100)}",
            'X' => $"{Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)}",
            'D' => $"{Two(t.Month)}/{Two(t.Day)}/{Two(t.Year % 100)}",
            'F' => $"{t.Year:0000}-{Two(t.Month)}-{Two(t.Day)}",
            'T' => $"{Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)}",
            'R' => $"{Two(t.Hour)}:{Two(t.Minute)}",
            'n' => "\n",
            't' => "\t",
            '%' => "%",
            _ => null,
        };
    }
}
