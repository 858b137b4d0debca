using System.Text;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Reasoning.History;

/// <summary>
/// The thinking inside an assistant turn's content, found and removed on text: by default a prior turn's thinking
/// is dropped — the separate <c>reasoning_content</c> field and any delimited section inside the content — so old
/// reasoning never re-enters the context; kept, it goes back to the template as <c>reasoning_content</c> or inside
/// the model's delimiters.
/// </summary>
public static class ReasoningHistory
{
    /// <summary>
    /// The thinking written inline in <paramref name="content"/> (R1-style output sent back as it was generated):
    /// every section's text, an opening section without its start tag included; null when there is none.
    /// </summary>
    public static string? ExtractSections(string content, ReasoningFormat format)
    {
        var sections = new List<string>();
        var end = content.IndexOf(format.EndTag, StringComparison.Ordinal);
        var start = content.IndexOf(format.StartTag, StringComparison.Ordinal);
        var cursor = 0;
        if (end >= 0 && (start < 0 || end < start))
        {
            sections.Add(content[..end]);
            cursor = end + format.EndTag.Length;
        }

        while (cursor < content.Length && (start = content.IndexOf(format.StartTag, cursor, StringComparison.Ordinal)) >= 0)
        {
            var from = start + format.StartTag.Length;
            end = content.IndexOf(format.EndTag, from, StringComparison.Ordinal);
            sections.Add(end < 0 ? content[from..] : content[from..end]);
            cursor = end < 0 ? content.Length : end + format.EndTag.Length;
        }

        var text = string.Join("\n", sections.Select(s => s.Trim())).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Removes every thinking section from <paramref name="content"/>, including one that lacks its start
    /// tag because the template had opened it (R1-style output begins inside the section).
    /// </summary>
    public static string StripSections(string content, ReasoningFormat format)
    {
        var end = content.IndexOf(format.EndTag, StringComparison.Ordinal);
        var start = content.IndexOf(format.StartTag, StringComparison.Ordinal);
        if (end < 0 && start < 0)
        {
            return content;
        }

        var text = new StringBuilder(content.Length);
        var cursor = 0;
        if (end >= 0 && (start < 0 || end < start))
        {
            cursor = end + format.EndTag.Length; // the section was opened by the previous prompt
        }

        while (cursor < content.Length)
        {
            start = content.IndexOf(format.StartTag, cursor, StringComparison.Ordinal);
            if (start < 0)
            {
                text.Append(content, cursor, content.Length - cursor);
                break;
            }

            text.Append(content, cursor, start - cursor);
            end = content.IndexOf(format.EndTag, start + format.StartTag.Length, StringComparison.Ordinal);
            // An unclosed section was cut off mid-thought: all of it is reasoning.
            cursor = end < 0 ? content.Length : end + format.EndTag.Length;
        }

        return text.ToString().Trim();
    }
}
