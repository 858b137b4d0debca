using System.Text;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// String algorithms that keep provenance exactly: every result character is a copy of an input character (or of
/// an argument, as with <c>replace</c>), so it keeps that character's data-or-template mark.
/// </summary>
internal static class StringOperations
{
    /// <summary>The string's characters as Python sees them: one per code point.</summary>
    public static List<JinjaValue> CodePoints(StringValue text)
    {
        var result = new List<JinjaValue>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var width = CodePointWidth(text.Text, i);
            result.Add(text.Slice(i, width));
            i += width;
        }

        return result;
    }

    public static int CodePointWidth(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    /// <summary>
    /// <c>strip</c>/<c>lstrip</c>/<c>rstrip</c>/<c>trim</c>. Without characters, or with only whitespace ones
    /// (<c>strip('\n')</c>), all whitespace goes, as in the reference, which ignores the argument; characters that
    /// are not all whitespace are stripped as in Python.
    /// </summary>
    public static StringValue Strip(StringValue text, JinjaValue? chars, bool left, bool right)
    {
        Func<char, bool> strips = JsWhitespace.IsWhitespace;
        if (chars is StringValue set && !set.Text.All(JsWhitespace.IsWhitespace))
        {
            strips = set.Text.Contains;
        }
        else if (chars is not (null or NoneValue or UndefinedValue or StringValue))
        {
            throw new JinjaRenderException($"strip arg must be None or str, not '{chars.TypeName}'.");
        }

        var start = 0;
        var end = text.Length;
        while (left && start < end && strips(text.Text[start]))
        {
            start++;
        }

        while (right && end > start && strips(text.Text[end - 1]))
        {
            end--;
        }

        return text.Slice(start, end - start);
    }

    /// <summary>Python's <c>str.split</c>: on a separator, or (none given) on runs of whitespace.</summary>
    public static ListValue Split(StringValue text, StringValue? separator, long maxSplit)
    {
        var parts = new List<JinjaValue>();
        var s = text.Text;
        if (separator is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && JsWhitespace.IsWhitespace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    break;
                }

                if (maxSplit >= 0 && parts.Count >= maxSplit)
                {
                    parts.Add(text.Slice(i));
                    break;
                }

                var start = i;
                while (i < s.Length && !JsWhitespace.IsWhitespace(s[i]))
                {
                    i++;
                }

                parts.Add(text.Slice(start, i - start));
            }

            return ListValue.Of(parts);
        }

        if (separator.Length == 0)
        {
            throw new JinjaRenderException("split(): empty separator.");
        }

        var cursor = 0;
        while (maxSplit < 0 || parts.Count < maxSplit)
        {
            var at = s.IndexOf(separator.Text, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            parts.Add(text.Slice(cursor, at - cursor));
            cursor = at + separator.Length;
        }

        parts.Add(text.Slice(cursor));
        return ListValue.Of(parts);
    }

    /// <summary>Python's <c>str.rsplit</c>: like split, but a limit counts splits from the right.</summary>
    public static ListValue RSplit(StringValue text, StringValue? separator, long maxSplit)
    {
        if (maxSplit < 0)
        {
            return Split(text, separator, maxSplit);
        }

        var parts = new List<JinjaValue>();
        var s = text.Text;
        var end = s.Length;
        if (separator is null)
        {
            while (true)
            {
                while (end > 0 && JsWhitespace.IsWhitespace(s[end - 1]))
                {
                    end--;
                }

                if (end == 0)
                {
                    break;
                }

                if (parts.Count >= maxSplit)
                {
                    parts.Add(text.Slice(0, end));
                    break;
                }

                var stop = end;
                while (end > 0 && !JsWhitespace.IsWhitespace(s[end - 1]))
                {
                    end--;
                }

                parts.Add(text.Slice(end, stop - end));
            }
        }
        else
        {
            if (separator.Length == 0)
            {
                throw new JinjaRenderException("rsplit(): empty separator.");
            }

            while (parts.Count < maxSplit && end >= separator.Length)
            {
                var at = s.LastIndexOf(separator.Text, end - 1, end, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                parts.Add(text.Slice(at + separator.Length, end - at - separator.Length));
                end = at;
            }

            parts.Add(text.Slice(0, end));
        }

        parts.Reverse();
        return ListValue.Of(parts);
    }

    /// <summary>Python's <c>str.replace</c>; the inserted text keeps the replacement's provenance.</summary>
    public static StringValue Replace(StringValue text, StringValue old, StringValue replacement, long count, RenderBudget budget)
    {
        if (count == 0)
        {
            return text;
        }

        var builder = budget.NewBuilder();
        var s = text.Text;
        var replaced = 0L;
        if (old.Length == 0)
        {
            // Python puts the replacement between every two characters and at both ends.
            for (var i = 0; i <= s.Length;)
            {
                if (count < 0 || replaced < count)
                {
                    builder.Append(replacement);
                    replaced++;
                }
                else
                {
                    builder.Append(text, i, s.Length - i);
                    break;
                }

                if (i == s.Length)
                {
                    break;
                }

                var width = CodePointWidth(s, i);
                builder.Append(text, i, width);
                i += width;
            }

            return builder.ToValue();
        }

        var cursor = 0;
        while (count < 0 || replaced < count)
        {
            var at = s.IndexOf(old.Text, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            builder.Append(text, cursor, at - cursor);
            builder.Append(replacement);
            cursor = at + old.Length;
            replaced++;
        }

        if (replaced == 0)
        {
            return text;
        }

        builder.Append(text, cursor, s.Length - cursor);
        return builder.ToValue();
    }

    /// <summary>The reference's <c>title</c>: an ASCII letter or digit after a non-word character becomes upper case.</summary>
    public static StringValue Title(StringValue text)
    {
        var chars = text.Text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (IsAsciiWord(chars[i]) && (i == 0 || !IsAsciiWord(chars[i - 1])))
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return text.WithSameLengthText(new string(chars));
    }

    /// <summary>The reference's <c>capitalize</c>: the first character upper case, the rest unchanged.</summary>
    public static StringValue Capitalize(StringValue text) =>
        text.Length == 0 ? text : text.WithSameLengthText(char.ToUpperInvariant(text.Text[0]) + text.Text[1..]);

    public static StringValue Upper(StringValue text) => text.WithSameLengthText(text.Text.ToUpperInvariant());

    public static StringValue Lower(StringValue text) => text.WithSameLengthText(text.Text.ToLowerInvariant());

    /// <summary>The reference's <c>indent</c>: lines split on "\n" only; the first and empty lines are left alone unless asked.</summary>
    public static StringValue Indent(StringValue text, StringValue indentation, bool first, bool blank, RenderBudget budget)
    {
        var builder = budget.NewBuilder();
        var s = text.Text;
        var lineStart = 0;
        var lineIndex = 0;
        while (true)
        {
            var newline = s.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? s.Length : newline;
            var empty = lineEnd == lineStart;
            if ((first || lineIndex > 0) && (blank || !empty))
            {
                builder.Append(indentation);
            }

            builder.Append(text, lineStart, lineEnd - lineStart + (newline < 0 ? 0 : 1));
            if (newline < 0)
            {
                break;
            }

            lineStart = newline + 1;
            lineIndex++;
        }

        return builder.ToValue();
    }

    /// <summary>Joins texts with a separator, each piece keeping its provenance.</summary>
    public static StringValue Join(IEnumerable<StringValue> parts, StringValue separator, RenderBudget budget)
    {
        var builder = budget.NewBuilder();
        var firstPart = true;
        foreach (var part in parts)
        {
            if (!firstPart)
            {
                builder.Append(separator);
            }

            builder.Append(part);
            firstPart = false;
        }

        return builder.ToValue();
    }

    /// <summary>Jinja2's <c>escape</c>: HTML-escapes <c>&amp; &lt; &gt; " '</c>; each entity keeps its character's provenance.</summary>
    public static StringValue Escape(StringValue text, RenderBudget budget)
    {
        if (text.Text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = budget.NewBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text.Text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity is null)
            {
                builder.Append(text, i, 1);
            }
            else
            {
                builder.Append(entity, text.IsDataAt(i));
            }
        }

        return builder.ToValue();
    }

    /// <summary>Characters <paramref name="start"/> to <paramref name="stop"/> by <paramref name="step"/>, counted in code points, as the reference slices strings.</summary>
    public static StringValue Slice(StringValue text, JinjaValue? start, JinjaValue? stop, JinjaValue? step, RenderBudget budget)
    {
        var s = text.Text;
        var hasSurrogates = s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
        int[]? offsets = null;
        if (hasSurrogates)
        {
            var list = new List<int>(s.Length + 1);
            for (var i = 0; i < s.Length; i += CodePointWidth(s, i))
            {
                list.Add(i);
            }

            list.Add(s.Length);
            offsets = [.. list];
        }

        var count = offsets is null ? s.Length : offsets.Length - 1;
        var (from, to, by) = SliceBounds.Resolve(count, start, stop, step);
        int Offset(long index) => offsets is null ? (int)index : offsets[index];
        if (by == 1)
        {
            return to <= from ? StringValue.Empty : text.Slice(Offset(from), Offset(to) - Offset(from));
        }

        var builder = budget.NewBuilder();
        for (var i = from; by > 0 ? i < to : i > to; i += by)
        {
            builder.Append(text, Offset(i), Offset(i + 1) - Offset(i));
        }

        return builder.ToValue();
    }

    public static bool IsAsciiWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Python's <c>str.splitlines</c> line breaks.</summary>
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    public static string Repr(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ => c.ToString(),
            });
        }

        return builder.Append(quote).ToString();
    }
}
