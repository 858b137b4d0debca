using System.Globalization;
using System.Text;

namespace ReasoningServer.Engine.Grammars;

/// <summary>
/// Translates a JSON Schema <c>pattern</c> (an ECMAScript regular expression) into GBNF for the inside of a JSON
/// string. It reads the subset llama.cpp translates (literals, classes, <c>.</c>, groups, alternation, <c>* + ?
/// {m,n}</c>) plus <c>\d \w \s</c> and their negations, and refuses the rest (lookaround, backreferences, word
/// boundaries, inner anchors, Unicode properties). Two things llama.cpp's translation gets wrong are handled:
/// characters the pattern allows are written JSON-escaped where JSON needs it (a quote becomes <c>\"</c>), and a
/// negated class or <c>.</c> never lets through a raw quote, backslash or control character.
/// A pattern matches anywhere in the value, so the generated strings (which match the whole pattern) are a subset.
/// </summary>
internal sealed class RegexPatternTranslator(GbnfGrammarBuilder builder, string ruleName, string path, int maxRepetition)
{
    private string _pattern = "";
    private int _position;
    private int _hoisted;

    private enum PieceKind
    {
        Empty,
        Literal,
        Symbol,
        Group,
        Sequence,
        Alternation,
    }

    /// <summary>The GBNF expression for the string's content between its quotes ("" when only the empty string).</summary>
    public string Translate(string pattern)
    {
        var body = pattern;
        if (body.StartsWith('^'))
        {
            body = body[1..];
        }

        if (body.EndsWith('$') && !IsEscaped(body, body.Length - 1))
        {
            body = body[..^1];
        }

        _pattern = body;
        _position = 0;
        var piece = ParseAlternation();
        if (_position < _pattern.Length)
        {
            throw Fail($"unbalanced ')' at offset {_position}");
        }

        return piece.Expression;
    }

    private Piece ParseAlternation()
    {
        var branches = new List<Piece> { ParseSequence() };
        while (Peek() == '|')
        {
            _position++;
            branches.Add(ParseSequence());
        }

        return branches.Count == 1
            ? branches[0]
            : new Piece(string.Join(" | ", branches.Select(branch => branch.Expression)), PieceKind.Alternation, null);
    }

    private Piece ParseSequence()
    {
        var items = new List<Piece>();
        while (_position < _pattern.Length && Peek() is not '|' and not ')')
        {
            var atom = ParseAtom();
            var quantified = ParseQuantifier(atom);
            if (quantified.Kind == PieceKind.Empty)
            {
                continue;
            }

            // Adjacent single characters become one literal, which reads better and parses into fewer symbols.
            if (quantified.Kind == PieceKind.Literal && items.Count > 0 && items[^1].Kind == PieceKind.Literal)
            {
                var text = items[^1].LiteralText + quantified.LiteralText;
                items[^1] = new Piece(GbnfGrammarBuilder.Literal(text), PieceKind.Literal, text);
            }
            else
            {
                items.Add(quantified);
            }
        }

        return items.Count switch
        {
            0 => new Piece("", PieceKind.Empty, null),
            1 => items[0],
            _ => new Piece(string.Join(" ", items.Select(item => item.Kind == PieceKind.Alternation ? "(" + item.Expression + ")" : item.Expression)),
                PieceKind.Sequence, null),
        };
    }

    private Piece ParseAtom()
    {
        var c = _pattern[_position];
        switch (c)
        {
            case '(':
                return ParseGroup();
            case '[':
                _position++;
                return SetPiece(ParseClass());
            case '.':
                _position++;
                return SetPiece(CodePointSet.AnyButLineTerminator());
            case '\\':
                _position++;
                return ParseEscape(inClass: false) switch
                {
                    (int codePoint, null) => SetPiece(CodePointSet.Of((codePoint, codePoint))),
                    (_, { } set) => SetPiece(set),
                };
            case '^' or '$':
                throw Fail($"the anchor '{c}' inside the pattern");
            case '*' or '+' or '?' or '{':
                throw Fail($"nothing to repeat before '{c}' at offset {_position}");
            default:
                var codePointAt = ReadCodePoint();
                return SetPiece(CodePointSet.Of((codePointAt, codePointAt)));
        }
    }

    private Piece ParseGroup()
    {
        _position++;
        if (Peek() == '?')
        {
            var rest = _pattern[(_position + 1)..];
            if (rest.StartsWith(':'))
            {
                _position += 2;
            }
            else if (rest.StartsWith('<') && !rest.StartsWith("<=", StringComparison.Ordinal) && !rest.StartsWith("<!", StringComparison.Ordinal))
            {
                // A named group matches what an unnamed one does.
                var close = _pattern.IndexOf('>', _position);
                if (close < 0)
                {
                    throw Fail("an unterminated group name");
                }

                _position = close + 1;
            }
            else
            {
                throw Fail("lookaround or inline flags '(?" + rest[..Math.Min(2, rest.Length)] + "'");
            }
        }

        var inner = ParseAlternation();
        if (Peek() != ')')
        {
            throw Fail("an unclosed '('");
        }

        _position++;
        return inner.Kind is PieceKind.Empty or PieceKind.Literal or PieceKind.Symbol
            ? inner
            : new Piece("(" + inner.Expression + ")", PieceKind.Group, null);
    }

    private Piece ParseQuantifier(Piece atom)
    {
        int min;
        int? max;
        switch (Peek())
        {
            case '*': min = 0; max = null; _position++; break;
            case '+': min = 1; max = null; _position++; break;
            case '?': min = 0; max = 1; _position++; break;
            case '{':
                (min, max) = ParseCounts();
                break;
            default:
                return atom;
        }

        if (Peek() == '?')
        {
            // A lazy quantifier matches the same strings.
            _position++;
        }

        if (min > maxRepetition || max > maxRepetition)
        {
            throw Fail($"a repetition count above {maxRepetition}");
        }

        if (max == 0 || atom.Kind == PieceKind.Empty)
        {
            return new Piece("", PieceKind.Empty, null);
        }

        // A repeated group must be one symbol that creates no nested rules (see GbnfRepetition), so it gets a rule.
        var symbol = atom.Kind is PieceKind.Literal or PieceKind.Symbol
            ? atom.Expression
            : builder.AddRule(ruleName + "-" + (++_hoisted).ToString(CultureInfo.InvariantCulture), atom.Expression);
        return new Piece(GbnfRepetition.Repeat(symbol, min, max), PieceKind.Sequence, null);
    }

    private (int Min, int? Max) ParseCounts()
    {
        var close = _pattern.IndexOf('}', _position);
        if (close < 0)
        {
            throw Fail("an unterminated '{'");
        }

        var text = _pattern[(_position + 1)..close];
        var parts = text.Split(',');
        static bool IsCount(string part) => part.Length > 0 && part.Length <= 9 && part.All(char.IsAsciiDigit);
        _position = close + 1;
        if (parts.Length == 1 && IsCount(parts[0]))
        {
            var exact = int.Parse(parts[0], CultureInfo.InvariantCulture);
            return (exact, exact);
        }

        if (parts.Length == 2 && IsCount(parts[0]) && (parts[1].Length == 0 || IsCount(parts[1])))
        {
            var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
            int? max = parts[1].Length == 0 ? null : int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (max < min)
            {
                throw Fail($"the count '{{{text}}}' with its maximum below its minimum");
            }

            return (min, max);
        }

        throw Fail($"the count '{{{text}}}'");
    }

    private CodePointSet ParseClass()
    {
        var negated = Peek() == '^';
        if (negated)
        {
            _position++;
        }

        var set = new CodePointSet { Negated = negated };
        while (Peek() != ']')
        {
            if (_position >= _pattern.Length)
            {
                throw Fail("an unterminated character class");
            }

            var (low, lowSet) = ReadClassAtom();
            if (lowSet is not null)
            {
                set.AddAll(lowSet);
                continue;
            }

            if (Peek() == '-' && _position + 1 < _pattern.Length && _pattern[_position + 1] != ']')
            {
                _position++;
                var (high, highSet) = ReadClassAtom();
                if (highSet is not null || high < low)
                {
                    throw Fail("an invalid range in a character class");
                }

                set.Add(low, high);
            }
            else
            {
                set.Add(low, low);
            }
        }

        _position++;
        return set;
    }

    private (int CodePoint, CodePointSet? Set) ReadClassAtom()
    {
        if (Peek() != '\\')
        {
            return (ReadCodePoint(), null);
        }

        _position++;
        var escape = ParseEscape(inClass: true);
        if (escape.Set is { Negated: true })
        {
            throw Fail("a negated class escape (\\D, \\W, \\S) inside a character class");
        }

        return escape;
    }

    private (int CodePoint, CodePointSet? Set) ParseEscape(bool inClass)
    {
        if (_position >= _pattern.Length)
        {
            throw Fail("a trailing backslash");
        }

        var c = _pattern[_position++];
        switch (c)
        {
            case 'd': return (0, CodePointSet.Digits());
            case 'w': return (0, CodePointSet.WordCharacters());
            case 's': return (0, CodePointSet.WhiteSpace());
            case 'D': return (0, Negate(CodePointSet.Digits()));
            case 'W': return (0, Negate(CodePointSet.WordCharacters()));
            case 'S': return (0, Negate(CodePointSet.WhiteSpace()));
            case 'n': return ('\n', null);
            case 't': return ('\t', null);
            case 'r': return ('\r', null);
            case 'f': return ('\f', null);
            case 'v': return ('\v', null);
            case 'b' when inClass: return ('\b', null);
            case '0' when !char.IsAsciiDigit(Peek()): return (0, null);
            case 'x': return (ReadHex(2), null);
            case 'u' when Peek() != '{':
                var unit = ReadHex(4);
                if (char.IsHighSurrogate((char)unit) && _pattern[_position..].StartsWith("\\u", StringComparison.Ordinal))
                {
                    _position += 2;
                    var low = ReadHex(4);
                    if (!char.IsLowSurrogate((char)low))
                    {
                        throw Fail("an unpaired surrogate escape");
                    }

                    return (char.ConvertToUtf32((char)unit, (char)low), null);
                }

                if (char.IsSurrogate((char)unit))
                {
                    throw Fail("an unpaired surrogate escape");
                }

                return (unit, null);
            default:
                if (char.IsAsciiLetterOrDigit(c))
                {
                    var what = c switch
                    {
                        'b' or 'B' => "a word boundary",
                        >= '1' and <= '9' => "a backreference",
                        'k' => "a named backreference",
                        'p' or 'P' => "a Unicode property escape",
                        _ => "the escape",
                    };
                    throw Fail(what + " '\\" + c + "'");
                }

                // An identity escape: \. \* \/ \- and so on stand for the character itself.
                _position--;
                return (ReadCodePoint(), null);
        }
    }

    private static CodePointSet Negate(CodePointSet set)
    {
        var negated = new CodePointSet { Negated = true };
        negated.AddAll(set);
        return negated;
    }

    private int ReadHex(int digits)
    {
        if (_position + digits > _pattern.Length
            || !int.TryParse(_pattern.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail($"an escape without {digits} hex digits");
        }

        _position += digits;
        return value;
    }

    private int ReadCodePoint()
    {
        var c = _pattern[_position];
        if (char.IsHighSurrogate(c) && _position + 1 < _pattern.Length && char.IsLowSurrogate(_pattern[_position + 1]))
        {
            _position += 2;
            return char.ConvertToUtf32(c, _pattern[_position - 1]);
        }

        _position++;
        return c;
    }

    private char Peek() => _position < _pattern.Length ? _pattern[_position] : '\0';

    private static bool IsEscaped(string text, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private UnsupportedSchemaException Fail(string what) =>
        new("pattern", path, "The pattern cannot be expressed as a grammar: it has " + what);

    /// <summary>One character of the value: a literal when it is a single code point, else a choice.</summary>
    private Piece SetPiece(CodePointSet set)
    {
        if (set.Single is { } single)
        {
            var text = JsonEscapedText(single);
            return new Piece(GbnfGrammarBuilder.Literal(text), PieceKind.Literal, text);
        }

        var alternatives = JsonCharacterChoices(set);
        return alternatives.Count switch
        {
            0 => throw Fail("a character class that matches no character"),
            1 => new Piece(alternatives[0], PieceKind.Symbol, null),
            _ => new Piece("(" + string.Join(" | ", alternatives) + ")", PieceKind.Symbol, null),
        };
    }

    /// <summary>How a code point appears inside a JSON string: itself, or its escape.</summary>
    private static string JsonEscapedText(int codePoint)
    {
        var builder = new StringBuilder();
        CanonicalJson.AppendString(builder, char.ConvertFromUtf32(codePoint));
        return builder.ToString(1, builder.Length - 2);
    }

    /// <summary>
    /// GBNF alternatives for one code point of <paramref name="set"/> written in a JSON string: a class of the raw
    /// characters JSON allows, plus the escapes of the quote, backslash and control characters the set holds
    /// (a negated set lets through no control character, a narrowing that keeps the output plain).
    /// </summary>
    private static List<string> JsonCharacterChoices(CodePointSet set)
    {
        (int Low, int High)[] needsEscape = [(0x00, 0x1F), ('"', '"'), ('\\', '\\')];
        (int Low, int High)[] neverRaw = [.. needsEscape, (0x7F, 0x7F), (0xD800, 0xDFFF)];
        var choices = new List<string>();
        if (set.Negated)
        {
            var excluded = CodePointSet.Of(neverRaw);
            excluded.AddAll(set);
            choices.Add("[^" + ClassBody(excluded.Ranges) + "]");
        }
        else
        {
            var raw = Subtract(set.Ranges, neverRaw);
            if (raw.Count > 0)
            {
                choices.Add("[" + ClassBody(raw) + "]");
            }
        }

        foreach (var (low, high) in needsEscape)
        {
            for (var codePoint = low; codePoint <= high; codePoint++)
            {
                var allowed = set.Negated ? codePoint >= 0x20 && set.Contains(codePoint) : set.Contains(codePoint);
                if (allowed)
                {
                    choices.Add(GbnfGrammarBuilder.Literal(JsonEscapedText(codePoint)));
                }
            }
        }

        return choices;
    }

    private static List<(int Low, int High)> Subtract(IReadOnlyList<(int Low, int High)> ranges, (int Low, int High)[] removed)
    {
        var result = new List<(int Low, int High)>();
        foreach (var range in ranges)
        {
            var pieces = new List<(int Low, int High)> { (range.Low, Math.Min(range.High, 0x10FFFF)) };
            foreach (var (low, high) in removed)
            {
                pieces = pieces.SelectMany(piece => new[] { (piece.Low, Math.Min(piece.High, low - 1)), (Math.Max(piece.Low, high + 1), piece.High) })
                    .Where(piece => piece.Item1 <= piece.Item2).ToList();
            }

            result.AddRange(pieces);
        }

        return result;
    }

    private static string ClassBody(IEnumerable<(int Low, int High)> ranges) =>
        string.Concat(ranges.Select(range => range.Low == range.High
            ? GbnfClass.Char(range.Low)
            : GbnfClass.Char(range.Low) + "-" + GbnfClass.Char(range.High)));

    private readonly record struct Piece(string Expression, PieceKind Kind, string? LiteralText);
}
