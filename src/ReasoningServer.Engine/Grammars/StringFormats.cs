namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Grammars for the string <c>format</c>s OpenAI's structured outputs support (date-time, time, date, duration,
/// email, hostname, ipv4, ipv6, uuid) plus uri. Each grammar is a strict subset of what the format allows (four-digit
/// years from 1000, only real calendar dates, full eight-group IPv6, conservative e-mail characters and an
/// alphabetic top-level domain), so every
/// generated value passes a format validator; any other format is refused.
/// </summary>
internal static class StringFormats
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid", "uri",
    };

    /// <summary>The rule for a whole JSON string (quotes included) of <paramref name="format"/>.</summary>
    public static string StringRule(GbnfGrammarBuilder builder, string format) =>
        builder.AddRule(format + "-string", "\"\\\"\" " + Body(builder, format) + " \"\\\"\"");

    private static string Body(GbnfGrammarBuilder builder, string format) => format switch
    {
        "date" => Date(builder),
        "time" => Time(builder),
        "date-time" => builder.AddRule("date-time", Date(builder) + " \"T\" " + Time(builder)),
        "duration" => Duration(builder),
        "email" => builder.AddRule("email",
            "[a-zA-Z0-9_+-]{1,20} (\".\" [a-zA-Z0-9_+-]{1,20}){0,2} \"@\" (" + Label(builder) + " \".\"){1,2} [a-zA-Z]{2,63}"),
        "hostname" => builder.AddRule("hostname", Label(builder) + " (\".\" " + Label(builder) + "){0,2}"),
        "ipv4" => Ipv4(builder),
        "ipv6" => builder.AddRule("ipv6", "[0-9a-fA-F]{1,4} (\":\" [0-9a-fA-F]{1,4}){7}"),
        "uuid" => builder.AddRule("uuid",
            "[0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{12}"),
        "uri" => builder.AddRule("uri",
            "[a-zA-Z] [a-zA-Z0-9+.-]{0,15} \"://\" " + Body(builder, "hostname")
            + " (\"/\" [a-zA-Z0-9._~!$&'()*+,;=:@/-]{0,200})?"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a supported format."),
    };

    private static string Date(GbnfGrammarBuilder builder)
    {
        var monthDay = builder.AddRule("month-day",
            "(\"0\" [13578] | \"1\" [02]) \"-\" (\"0\" [1-9] | [12] [0-9] | \"3\" [01]) "
            + "| (\"0\" [469] | \"11\") \"-\" (\"0\" [1-9] | [12] [0-9] | \"30\") "
            + "| \"02-\" (\"0\" [1-9] | \"1\" [0-9] | \"2\" [0-8])");
        // Leap years: the last two digits a multiple of 4 other than 00, or 00 after a multiple of 4 (2000, not 1900).
        var leapYear = builder.AddRule("leap-year",
            "[1-9] [0-9] ([02468] [48] | [2468] [0] | [13579] [26]) | ([2468] [048] | [13579] [26]) \"00\"");
        return builder.AddRule("date", "[1-9] [0-9]{3} \"-\" " + monthDay + " | " + leapYear + " \"-02-29\"");
    }

    private static string Time(GbnfGrammarBuilder builder)
    {
        var hour = "([01] [0-9] | \"2\" [0-3])";
        return builder.AddRule("time",
            hour + " \":\" [0-5] [0-9] \":\" [0-5] [0-9] (\".\" [0-9]{1,9})? (\"Z\" | [+-] " + hour + " \":\" [0-5] [0-9])");
    }

    private static string Duration(GbnfGrammarBuilder builder)
    {
        const string count = "[0-9]{1,9}";
        var datePart = builder.AddRule("duration-date",
            $"{count} \"Y\" ({count} \"M\" ({count} \"D\")?)? | {count} \"M\" ({count} \"D\")? | {count} \"D\"");
        var timePart = builder.AddRule("duration-time",
            $"\"T\" ({count} \"H\" ({count} \"M\" ({count} \"S\")?)? | {count} \"M\" ({count} \"S\")? | {count} \"S\")");
        return builder.AddRule("duration", $"\"P\" ({datePart} {timePart}? | {timePart} | {count} \"W\")");
    }

    private static string Ipv4(GbnfGrammarBuilder builder)
    {
        var octet = builder.AddRule("ipv4-octet", "\"25\" [0-5] | \"2\" [0-4] [0-9] | \"1\" [0-9] [0-9] | [1-9] [0-9] | [0-9]");
        return builder.AddRule("ipv4", octet + " \".\" " + octet + " \".\" " + octet + " \".\" " + octet);
    }

    /// <summary>A DNS label: letters, digits and inner hyphens, at most 63 characters.</summary>
    private static string Label(GbnfGrammarBuilder builder) =>
        builder.AddRule("dns-label", "[a-zA-Z0-9] ([a-zA-Z0-9-]{0,61} [a-zA-Z0-9])?");
}
