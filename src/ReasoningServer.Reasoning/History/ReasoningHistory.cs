using System.Text;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Reasoning.History;

/// <summary>
/// What a prior assistant turn contributes to the next prompt. By default its thinking is dropped — the
/// separate <c>reasoning_content</c> field and any delimited section inside the content — so old reasoning
/// never re-enters the context; kept, it goes back inside the model's delimiters.
/// </summary>
public static class ReasoningHistory
{
    /// <param name="reasoning">The turn's <c>reasoning_content</c> / <c>reasoning</c> field, if any.</param>
    public static string AssistantContent(string content, string? reasoning, ReasoningFormat format, ReasoningContext context)
    {
        if (context == ReasoningContext.CurrentTurn)
        {
            return StripSections(content, format);
        }

        return string.IsNullOrEmpty(reasoning) ? content : $"{format.StartTag}\n{reasoning}\n{format.EndTag}\n\n{content}";
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
