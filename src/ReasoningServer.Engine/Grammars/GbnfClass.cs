using System.Globalization;

namespace ReasoningServer.Engine.Grammars;

/// <summary>Writing code points inside GBNF character classes.</summary>
internal static class GbnfClass
{
    /// <summary>A code point inside <c>[...]</c>: ASCII letters and digits as they are, anything else as a hex escape,
    /// so no character can be read as ']', '-', '^' or an escape.</summary>
    public static string Char(int codePoint)
    {
        if (codePoint < 0x80 && char.IsAsciiLetterOrDigit((char)codePoint))
        {
            return ((char)codePoint).ToString();
        }

        return codePoint switch
        {
            <= 0xFF => "\\x" + codePoint.ToString("X2", CultureInfo.InvariantCulture),
            <= 0xFFFF => "\\u" + codePoint.ToString("X4", CultureInfo.InvariantCulture),
            _ => "\\U" + codePoint.ToString("X8", CultureInfo.InvariantCulture),
        };
    }
}
