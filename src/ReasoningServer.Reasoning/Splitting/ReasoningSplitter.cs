using System.Text;
using ReasoningServer.Engine.Text;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Reasoning.Splitting;

/// <summary>
/// Separates thinking from the answer in text that arrives in arbitrary pieces. A delimiter split over
/// two pieces is held back until it is known whether it really is a delimiter, so every chunking of the
/// same text gives the same result. Delimiters themselves appear on neither side.
/// </summary>
/// <remarks>
/// Runs on the request side; not thread-safe (one instance per generated sequence). Each call to
/// <see cref="Push"/> is one generated token, which is how reasoning tokens are counted: a token belongs
/// to the thinking section if it opens, continues or closes it; tokens whose side is not yet known
/// (leading whitespace before a possible start tag) are assigned once it is.
/// </remarks>
public sealed class ReasoningSplitter
{
    private readonly ReasoningFormat? _format;
    private readonly StringBuilder _pending = new();
    // Reused per call: one splitter serves one sequence, token after token.
    private readonly StringBuilder _reasoning = new();
    private readonly StringBuilder _answer = new();
    private bool _skipLeadingNewline;
    private int _undecidedTokens;

    /// <param name="format">The model's delimiters; null for a model that does not think in delimited
    /// sections, whose output is all answer.</param>
    /// <param name="thinkingOpenedByPrompt">True when the prompt already ends inside a thinking section
    /// (templates of DeepSeek-R1 and our tiny models end the generation prompt with the start tag).</param>
    public ReasoningSplitter(ReasoningFormat? format, bool thinkingOpenedByPrompt)
    {
        _format = format;
        Section = format is null ? ReasoningSection.Answering
            : thinkingOpenedByPrompt ? ReasoningSection.Thinking
            : ReasoningSection.Undecided;
    }

    public ReasoningSection Section { get; private set; }

    /// <summary>Generated tokens that belong to the thinking section, delimiters included.</summary>
    public int ReasoningTokens { get; private set; }

    /// <summary>Generated tokens of the visible answer.</summary>
    public int AnswerTokens { get; private set; }

    /// <summary>Feeds the text of the next generated token (may be empty, e.g. a control token).</summary>
    public SplitText Push(string piece)
    {
        var before = Section;
        var result = SplitText.Empty;
        if (piece.Length > 0)
        {
            _pending.Append(piece);
            result = Drain(final: false);
        }

        Count(before, Section);
        return result;
    }

    private void Count(ReasoningSection before, ReasoningSection after)
    {
        if (after == ReasoningSection.Undecided)
        {
            _undecidedTokens++;
        }
        else if (before == ReasoningSection.Thinking || after == ReasoningSection.Thinking)
        {
            ReasoningTokens += 1 + _undecidedTokens;
            _undecidedTokens = 0;
        }
        else
        {
            AnswerTokens += 1 + _undecidedTokens;
            _undecidedTokens = 0;
        }
    }

    /// <summary>
    /// Ends the text: releases what was held back as a possible delimiter prefix, after adding
    /// <paramref name="trailingText"/> (e.g. a dangling partial character) that belongs to no new token.
    /// </summary>
    public SplitText Flush(string trailingText = "")
    {
        AnswerTokens += _undecidedTokens;
        _undecidedTokens = 0;
        _pending.Append(trailingText);
        return Drain(final: true);
    }

    private SplitText Drain(bool final)
    {
        _reasoning.Clear();
        _answer.Clear();
        DrainInto(_reasoning, _answer, final);
        return _reasoning.Length == 0 && _answer.Length == 0 ? SplitText.Empty : new SplitText(_reasoning.ToString(), _answer.ToString());
    }

    private void DrainInto(StringBuilder reasoning, StringBuilder answer, bool final)
    {
        while (_pending.Length > 0)
        {
            var text = _pending.ToString();
            switch (Section)
            {
                case ReasoningSection.Undecided:
                    if (!DrainUndecided(text, final))
                    {
                        return;
                    }
                    break;
                case ReasoningSection.Thinking:
                    if (!DrainUntilTag(text, _format!.EndTag, reasoning, ReasoningSection.Answering, final))
                    {
                        return;
                    }
                    break;
                default:
                    answer.Append(StripLeadingNewline(text));
                    _pending.Clear();
                    return;
            }
        }
    }

    // Before anything decisive, only whitespace may precede a start tag; anything else means no thinking.
    private bool DrainUndecided(string text, bool final)
    {
        var start = text.Length - text.AsSpan().TrimStart().Length;
        var rest = text.AsSpan(start);
        var startTag = _format!.StartTag; // Undecided only exists with a format
        if (rest.StartsWith(startTag, StringComparison.Ordinal))
        {
            _pending.Remove(0, start + startTag.Length);
            Section = ReasoningSection.Thinking;
            _skipLeadingNewline = true;
            return true;
        }

        if (!final && (rest.Length == 0 || startTag.AsSpan().StartsWith(rest, StringComparison.Ordinal)))
        {
            return false; // could still become the start tag
        }

        Section = ReasoningSection.Answering;
        return true;
    }

    private bool DrainUntilTag(string text, string tag, StringBuilder into, ReasoningSection next, bool final)
    {
        var at = text.IndexOf(tag, StringComparison.Ordinal);
        if (at >= 0)
        {
            into.Append(StripLeadingNewline(text[..at]));
            _pending.Remove(0, at + tag.Length);
            Section = next;
            _skipLeadingNewline = true;
            return true;
        }

        // Hold back the longest suffix that is a proper prefix of the tag.
        var keep = final ? 0 : PartialMatch.TailLength(text, tag);
        into.Append(StripLeadingNewline(text[..^keep]));
        _pending.Remove(0, text.Length - keep);
        return false;
    }

    // Templates put newlines right after a delimiter; they separate sections and belong to neither.
    private string StripLeadingNewline(string text)
    {
        if (!_skipLeadingNewline)
        {
            return text;
        }

        var trimmed = text.TrimStart('\n');
        if (trimmed.Length > 0)
        {
            _skipLeadingNewline = false;
        }

        return trimmed;
    }
}
