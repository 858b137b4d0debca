namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// The whitespace of JavaScript's <c>\s</c> and <c>trim()</c>, which @huggingface/jinja uses for whitespace
/// control and <c>strip()</c>; .NET's <see cref="char.IsWhiteSpace(char)"/> differs (it has U+0085, not U+FEFF).
/// </summary>
internal static class JsWhitespace
{
    /// <summary>The same set as a regex character class.</summary>
    public const string RegexClass = @"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]";

    public static bool IsWhitespace(char c) => c <= ' '
        ? c == ' ' || c is >= '\t' and <= '\r'
        : c > '\u007f' && (c == '\u00a0' || c == '\u1680' || c is >= '\u2000' and <= '\u200a' || c == '\u2028'
            || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff');

    public static bool IsLineTerminator(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    public static int CountLeading(string text, int start, int end)
    {
        var i = start;
        while (i < end && IsWhitespace(text[i]))
        {
            i++;
        }

        return i - start;
    }

    public static int CountTrailing(string text, int start, int end)
    {
        var i = end;
        while (i > start && IsWhitespace(text[i - 1]))
        {
            i--;
        }

        return end - i;
    }
}
