using System.Text.RegularExpressions;

namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// The text passes @huggingface/jinja makes before lexing, reproduced exactly because they decide the output's
/// whitespace: drop one trailing newline, <c>lstrip_blocks</c> (spaces and tabs before a tag that starts a line),
/// <c>trim_blocks</c> (the newline after a tag), and remove <c>{% generation %}</c> markers, which only tag the
/// assistant's text for training masks.
/// </summary>
internal static partial class TemplatePreprocessor
{
    public static SourceMap Process(string source)
    {
        var map = SourceMap.Identity(source);
        if (source.EndsWith('\n'))
        {
            var keep = KeepAll(source.Length);
            keep[^1] = false;
            map = map.Filter(keep);
        }

        map = LstripBlocks(map);
        map = TrimBlocks(map);
        return RemoveGenerationTags(map);
    }

    // Like the reference's /^[ \t]*({[#%-])/gm: JavaScript's ^ also matches after \r, U+2028 and U+2029.
    private static SourceMap LstripBlocks(SourceMap map)
    {
        var text = map.Text;
        var keep = KeepAll(text.Length);
        var changed = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && !JsWhitespace.IsLineTerminator(text[i - 1]))
            {
                continue;
            }

            var j = i;
            while (j < text.Length && text[j] is ' ' or '\t')
            {
                j++;
            }

            if (j > i && j + 1 < text.Length && text[j] == '{' && text[j + 1] is '#' or '%' or '-')
            {
                Array.Fill(keep, false, i, j - i);
                changed = true;
            }
        }

        return changed ? map.Filter(keep) : map;
    }

    // Like /([#%-]})\n/g: the newline after "#}", "%}" and "-}".
    private static SourceMap TrimBlocks(SourceMap map)
    {
        var text = map.Text;
        var keep = KeepAll(text.Length);
        var changed = false;
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (text[i] is '#' or '%' or '-' && text[i + 1] == '}' && text[i + 2] == '\n')
            {
                keep[i + 2] = false;
                changed = true;
                i += 2;
            }
        }

        return changed ? map.Filter(keep) : map;
    }

    private static SourceMap RemoveGenerationTags(SourceMap map)
    {
        var text = map.Text;
        bool[]? keep = null;
        var lastIndex = 0;
        foreach (Match match in GenerationTag().Matches(text))
        {
            keep ??= KeepAll(text.Length);
            var end = match.Index;
            if (match.Groups[1].Length > 0)
            {
                while (end > lastIndex && JsWhitespace.IsWhitespace(text[end - 1]))
                {
                    end--;
                }
            }

            var removeUntil = match.Groups[2].Length > 0 ? match.Index + match.Length : match.Groups[3].Index;
            Array.Fill(keep, false, end, removeUntil - end);
            lastIndex = match.Index + match.Length;
        }

        return keep is null ? map : map.Filter(keep);
    }

    private static bool[] KeepAll(int length)
    {
        var keep = new bool[length];
        Array.Fill(keep, true);
        return keep;
    }

    [GeneratedRegex(@"\{%(-?)" + JsWhitespace.RegexClass + "*(?:end)?generation" + JsWhitespace.RegexClass + "*(-?)%}(" + JsWhitespace.RegexClass + "*)")]
    private static partial Regex GenerationTag();
}
