namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// The shared JSON rules (whitespace, strings, numbers, any value), added to a builder on first use under fixed names.
/// Every rule here produces text that System.Text.Json and any RFC 8259 parser accept.
/// </summary>
internal static class JsonGrammarPrimitives
{
    /// <summary>
    /// Bounded optional whitespace: nothing, one space, or a newline and up to 20 spaces or tabs of indentation.
    /// A weak model cannot loop on whitespace forever, and pretty-printing stays possible.
    /// </summary>
    public static string Space(GbnfGrammarBuilder builder) => builder.AddRule("space", "| \" \" | \"\\n\" [ \\t]{0,20}");

    /// <summary>
    /// One character of a JSON string: anything but a quote, a backslash or a control character, or an escape.
    /// Surrogate code points are left out both raw (they are not valid UTF-8) and as <c>\u</c> escapes (a lone one
    /// is not a valid string for strict parsers); characters past U+FFFF still come raw as UTF-8.
    /// </summary>
    public static string Char(GbnfGrammarBuilder builder) => builder.AddRule(
        "char",
        "[^\"\\\\\\x7F\\x00-\\x1F\\uD800-\\uDFFF] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" "
        + "([0-9a-cA-CefEF] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2}))");

    public static string String(GbnfGrammarBuilder builder) =>
        builder.AddRule("string", "\"\\\"\" " + Char(builder) + "* \"\\\"\"");

    /// <summary>An integer part without leading zeros, at most 16 digits (past that doubles lose digits anyway).</summary>
    public static string IntegralPart(GbnfGrammarBuilder builder) => builder.AddRule("integral-part", "[0] | [1-9] [0-9]{0,15}");

    public static string DecimalPart(GbnfGrammarBuilder builder) => builder.AddRule("decimal-part", "[0-9]{1,16}");

    /// <summary>A JSON number; the exponent has at most two digits so the value stays a finite double.</summary>
    public static string Number(GbnfGrammarBuilder builder) => builder.AddRule(
        "number",
        "\"-\"? " + IntegralPart(builder) + " (\".\" " + DecimalPart(builder) + ")? ([eE] [-+]? [0-9]{1,2})?");

    public static string Integer(GbnfGrammarBuilder builder) => builder.AddRule("integer", "\"-\"? " + IntegralPart(builder));

    public static string Boolean(GbnfGrammarBuilder builder) => builder.AddRule("boolean", "\"true\" | \"false\"");

    public static string Null(GbnfGrammarBuilder builder) => builder.AddRule("null", "\"null\"");

    /// <summary>Any JSON value. It, <c>object</c> and <c>array</c> refer to each other, so "value" is reserved first.</summary>
    public static string Value(GbnfGrammarBuilder builder)
    {
        if (builder.GetShared("value") is { } existing)
        {
            return existing;
        }

        var value = builder.ReserveRule("value");
        builder.SetShared("value", value);
        builder.DefineRule(value, string.Join(" | ", Object(builder), Array(builder), String(builder), Number(builder),
            Boolean(builder), Null(builder)));
        return value;
    }

    /// <summary>Any JSON object (keys may repeat: a grammar cannot remember which keys it has seen).</summary>
    public static string Object(GbnfGrammarBuilder builder)
    {
        var space = Space(builder);
        var member = builder.AddRule("member", String(builder) + " " + space + " \":\" " + space + " " + Value(builder) + " " + space);
        return builder.AddRule("object", "\"{\" " + space + " (" + member + " (\",\" " + space + " " + member + ")*)? \"}\"");
    }

    /// <summary>Any JSON array.</summary>
    public static string Array(GbnfGrammarBuilder builder)
    {
        var space = Space(builder);
        var element = builder.AddRule("element", Value(builder) + " " + space);
        return builder.AddRule("array", "\"[\" " + space + " (" + element + " (\",\" " + space + " " + element + ")*)? \"]\"");
    }
}
