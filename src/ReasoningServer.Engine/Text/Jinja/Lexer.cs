using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Splits preprocessed template text into tokens the way @huggingface/jinja does, whitespace control included
/// (<c>{%- -%}</c>, <c>{{- -}}</c>, <c>{#- -#}</c>), plus <c>{% raw %}</c> blocks, number exponents and Python's
/// tolerance of unknown string escapes, which the reference lacks.
/// </summary>
internal sealed partial class Lexer
{
    private readonly SourceMap _map;
    private readonly string _src;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _curlyDepth;

    private Lexer(SourceMap map)
    {
        _map = map;
        _src = map.Text;
    }

    public static List<Token> Tokenize(SourceMap map)
    {
        var lexer = new Lexer(map);
        lexer.Run();
        return lexer._tokens;
    }

    private TokenKind? LastKind => _tokens.Count == 0 ? null : _tokens[^1].Kind;

    private void Run()
    {
        while (_pos < _src.Length)
        {
            if (LastKind is null or TokenKind.CloseStatement or TokenKind.CloseExpression or TokenKind.Comment)
            {
                var end = FindTagStart(_pos);
                if (end > _pos)
                {
                    Add(TokenKind.Text, _src[_pos..end], _pos);
                    _pos = end;
                    continue;
                }
            }

            if (_src[_pos] == '{' && LexTagOpening())
            {
                continue;
            }

            SkipWhitespaceInTag();
            var c = _src[_pos];
            if (c == '-' && At(_pos + 2) == '}' && At(_pos + 1) is '%' or '}')
            {
                Add(At(_pos + 1) == '%' ? TokenKind.CloseStatement : TokenKind.CloseExpression, At(_pos + 1) == '%' ? "%}" : "}}", _pos);
                _pos += 3;
                SkipLeadingWhitespace();
                continue;
            }

            if (c is '-' or '+' && LexSign(c))
            {
                continue;
            }

            if (LexOperator())
            {
                continue;
            }

            if (c is '\'' or '"')
            {
                var start = _pos;
                _pos++;
                Add(TokenKind.String, ReadString(c, start), start);
                _pos++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = _pos;
                Add(TokenKind.Number, ReadNumber(allowFraction: LastKind != TokenKind.Dot), start);
                continue;
            }

            if (IsWord(c))
            {
                var start = _pos;
                while (_pos < _src.Length && IsWord(_src[_pos]))
                {
                    _pos++;
                }

                Add(TokenKind.Name, _src[start.._pos], start);
                continue;
            }

            throw _map.Error(_pos, $"Unexpected character '{c}'.");
        }
    }

    private int FindTagStart(int from)
    {
        var end = from;
        while (true)
        {
            end = _src.IndexOf('{', end);
            if (end < 0)
            {
                return _src.Length;
            }

            if (At(end + 1) is '%' or '{' or '#')
            {
                return end;
            }

            end++;
        }
    }

    /// <summary>Comments and the whitespace-stripping openers <c>{%-</c> and <c>{{-</c>; the plain ones are operators.</summary>
    private bool LexTagOpening()
    {
        var next = At(_pos + 1);
        if (next == '#')
        {
            var start = _pos;
            _pos += 2;
            var stripBefore = At(_pos) == '-';
            if (stripBefore)
            {
                _pos++;
            }

            var end = _src.IndexOf("#}", _pos, StringComparison.Ordinal);
            if (end < 0)
            {
                throw _map.Error(start, "Missing end of comment tag '#}'.");
            }

            var stripAfter = end > _pos && _src[end - 1] == '-';
            if (stripBefore)
            {
                StripTrailingWhitespace();
            }

            Add(TokenKind.Comment, string.Empty, start);
            _pos = end + 2;
            if (stripAfter)
            {
                SkipLeadingWhitespace();
            }

            return true;
        }

        if (At(_pos + 2) != '-' || next is not ('%' or '{'))
        {
            return false;
        }

        StripTrailingWhitespace();
        if (next == '%')
        {
            Add(TokenKind.OpenStatement, "{%", _pos);
            _pos += 3;
            LexRawBlock();
        }
        else
        {
            Add(TokenKind.OpenExpression, "{{", _pos);
            _curlyDepth = 0;
            _pos += 3;
        }

        return true;
    }

    /// <summary>A sign right after an operator or opener is part of a number literal (<c>-1</c>) or a unary operator.</summary>
    private bool LexSign(char sign)
    {
        if (LastKind is null or TokenKind.Text)
        {
            throw _map.Error(_pos, $"Unexpected character '{sign}'.");
        }

        if (LastKind is TokenKind.Name or TokenKind.Number or TokenKind.String or TokenKind.CloseParen or TokenKind.CloseBracket)
        {
            return false;
        }

        var start = _pos;
        _pos++;
        if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
        {
            Add(TokenKind.Number, sign + ReadNumber(allowFraction: true), start);
        }
        else
        {
            Add(TokenKind.Unary, sign.ToString(), start);
        }

        return true;
    }

    private bool LexOperator()
    {
        var start = _pos;
        var c = _src[_pos];
        var next = At(_pos + 1);
        (TokenKind Kind, string Value)? token = c switch
        {
            '{' when next == '%' => (TokenKind.OpenStatement, "{%"),
            '{' when next == '{' => (TokenKind.OpenExpression, "{{"),
            '{' => (TokenKind.OpenBrace, "{"),
            '%' when next == '}' => (TokenKind.CloseStatement, "%}"),
            '%' => (TokenKind.Multiplicative, "%"),
            '}' when next == '}' && _curlyDepth <= 0 => (TokenKind.CloseExpression, "}}"),
            '}' => (TokenKind.CloseBrace, "}"),
            '(' => (TokenKind.OpenParen, "("),
            ')' => (TokenKind.CloseParen, ")"),
            '[' => (TokenKind.OpenBracket, "["),
            ']' => (TokenKind.CloseBracket, "]"),
            ',' => (TokenKind.Comma, ","),
            '.' => (TokenKind.Dot, "."),
            ':' => (TokenKind.Colon, ":"),
            '|' => (TokenKind.Pipe, "|"),
            '<' when next == '=' => (TokenKind.Comparison, "<="),
            '>' when next == '=' => (TokenKind.Comparison, ">="),
            '=' when next == '=' => (TokenKind.Comparison, "=="),
            '!' when next == '=' => (TokenKind.Comparison, "!="),
            '<' => (TokenKind.Comparison, "<"),
            '>' => (TokenKind.Comparison, ">"),
            '=' => (TokenKind.Equals, "="),
            '+' or '-' or '~' => (TokenKind.Additive, c.ToString()),
            '*' when next == '*' => (TokenKind.Power, "**"),
            '*' => (TokenKind.Multiplicative, "*"),
            '/' when next == '/' => (TokenKind.Multiplicative, "//"),
            '/' => (TokenKind.Multiplicative, "/"),
            _ => null,
        };
        if (token is not { } found)
        {
            return false;
        }

        Add(found.Kind, found.Value, start);
        _pos += found.Value.Length;
        switch (found.Kind)
        {
            case TokenKind.OpenExpression:
                _curlyDepth = 0;
                break;
            case TokenKind.OpenBrace:
                _curlyDepth++;
                break;
            case TokenKind.CloseBrace:
                _curlyDepth--;
                break;
            case TokenKind.OpenStatement:
                LexRawBlock();
                break;
        }

        return true;
    }

    /// <summary>
    /// After an opening <c>{%</c>: a <c>raw</c> tag makes everything up to <c>{% endraw %}</c> literal text, as in
    /// Jinja2 (the reference has no raw blocks).
    /// </summary>
    private void LexRawBlock()
    {
        var open = RawOpen().Match(_src, _pos);
        if (!open.Success)
        {
            return;
        }

        var tagStart = _tokens[^1].Position;
        var close = RawClose().Match(_src, open.Index + open.Length);
        if (!close.Success)
        {
            throw _map.Error(tagStart, "Missing {% endraw %} for {% raw %}.");
        }

        _tokens.RemoveAt(_tokens.Count - 1);
        var contentStart = open.Index + open.Length;
        var contentEnd = close.Index;
        if (open.Groups[1].Length > 0)
        {
            contentStart += JsWhitespace.CountLeading(_src, contentStart, contentEnd);
        }

        if (close.Groups[1].Length > 0)
        {
            contentEnd -= JsWhitespace.CountTrailing(_src, contentStart, contentEnd);
        }

        if (contentEnd > contentStart)
        {
            Add(TokenKind.Text, _src[contentStart..contentEnd], contentStart);
        }

        // A comment token puts the lexer back into text mode, as after any closed tag.
        Add(TokenKind.Comment, string.Empty, close.Index);
        _pos = close.Index + close.Length;
        if (close.Groups[2].Length > 0)
        {
            SkipLeadingWhitespace();
        }
    }

    private string ReadString(char quote, int start)
    {
        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw _map.Error(start, "Unterminated string literal.");
            }

            var c = _src[_pos];
            if (c == quote)
            {
                return text.ToString();
            }

            _pos++;
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (_pos >= _src.Length)
            {
                throw _map.Error(start, "Unterminated string literal.");
            }

            var escaped = _src[_pos++];
            switch (escaped)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'v': text.Append('\v'); break;
                case 'a': text.Append('\a'); break;
                case '\'' or '"' or '\\': text.Append(escaped); break;
                case '\n': break; // a backslash-newline continues the literal, as in Python
                case 'x' or 'u':
                    var digits = escaped == 'x' ? 2 : 4;
                    if (_pos + digits > _src.Length
                        || !int.TryParse(_src.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw _map.Error(_pos - 2, $"Invalid \\{escaped} escape in string literal.");
                    }

                    text.Append((char)code);
                    _pos += digits;
                    break;
                default:
                    // Python keeps an unknown escape as written (the reference rejects it).
                    text.Append('\\').Append(escaped);
                    break;
            }
        }
    }

    private string ReadNumber(bool allowFraction)
    {
        var start = _pos;
        SkipDigits();
        if (allowFraction && At(_pos) == '.' && char.IsAsciiDigit(At(_pos + 1)))
        {
            _pos++;
            SkipDigits();
        }

        // Python's exponent (1e-5), which the reference lexer lacks.
        if (At(_pos) is 'e' or 'E')
        {
            var exponent = _pos + 1;
            if (At(exponent) is '+' or '-')
            {
                exponent++;
            }

            if (char.IsAsciiDigit(At(exponent)))
            {
                _pos = exponent;
                SkipDigits();
            }
        }

        return _src[start.._pos];
    }

    private void SkipDigits()
    {
        while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
        {
            _pos++;
        }
    }

    private void SkipWhitespaceInTag()
    {
        while (JsWhitespace.IsWhitespace(_src[_pos]))
        {
            if (++_pos >= _src.Length)
            {
                throw _map.Error(_pos, "Unexpected end of template inside a tag.");
            }
        }
    }

    private void SkipLeadingWhitespace() => _pos += JsWhitespace.CountLeading(_src, _pos, _src.Length);

    /// <summary><c>{%-</c>, <c>{{-</c> and <c>{#-</c>: the text before loses its trailing whitespace.</summary>
    private void StripTrailingWhitespace()
    {
        if (LastKind != TokenKind.Text)
        {
            return;
        }

        var last = _tokens[^1];
        var trimmed = last.Value.Length - JsWhitespace.CountTrailing(last.Value, 0, last.Value.Length);
        if (trimmed == 0)
        {
            _tokens.RemoveAt(_tokens.Count - 1);
        }
        else
        {
            _tokens[^1] = last with { Value = last.Value[..trimmed] };
        }
    }

    private void Add(TokenKind kind, string value, int position) => _tokens.Add(new Token(kind, value, position));

    private char At(int index) => index < _src.Length ? _src[index] : '\0';

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    [GeneratedRegex(@"\G" + JsWhitespace.RegexClass + "*raw" + JsWhitespace.RegexClass + "*(-?)%}")]
    private static partial Regex RawOpen();

    [GeneratedRegex(@"\{%(-?)" + JsWhitespace.RegexClass + "*endraw" + JsWhitespace.RegexClass + "*(-?)%}")]
    private static partial Regex RawClose();
}
