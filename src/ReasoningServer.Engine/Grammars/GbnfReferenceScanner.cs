namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Finds the rule names a GBNF rule body refers to, skipping literals, character classes, tokens, repetition
/// counts and comments. Lets <see cref="GbnfGrammarBuilder.Build"/> keep only reachable rules and name a missing one
/// instead of leaving llama.cpp to return NULL.
/// </summary>
internal static class GbnfReferenceScanner
{
    public static IEnumerable<string> References(string body)
    {
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            switch (c)
            {
                case '"':
                    i = SkipDelimited(body, i + 1, '"');
                    break;
                case '[':
                    i = SkipDelimited(body, i + 1, ']');
                    break;
                case '<':
                    i = SkipDelimited(body, i + 1, '>');
                    break;
                case '{':
                    i = SkipDelimited(body, i + 1, '}');
                    break;
                case '#':
                    while (i < body.Length && body[i] != '\n')
                    {
                        i++;
                    }

                    break;
                default:
                    if (IsWordChar(c))
                    {
                        var start = i;
                        while (i < body.Length && IsWordChar(body[i]))
                        {
                            i++;
                        }

                        yield return body[start..i];
                    }
                    else
                    {
                        i++;
                    }

                    break;
            }
        }
    }

    private static int SkipDelimited(string body, int i, char end)
    {
        while (i < body.Length && body[i] != end)
        {
            // A backslash escapes the next character in literals and classes, as llama.cpp's parse_char reads it.
            i += body[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }

    private static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-';
}
