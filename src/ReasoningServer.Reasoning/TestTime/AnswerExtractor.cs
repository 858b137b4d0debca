using System.Text.RegularExpressions;

namespace ReasoningServer.Reasoning.TestTime;

/// <summary>
/// Finds a sample's final answer in its visible answer text (never in its reasoning) and normalises it. Null
/// when nothing matches: such a sample does not vote.
/// </summary>
public sealed partial class AnswerExtractor
{
    /// <summary>A caller's pattern runs on model output of any shape; a bounded match time keeps one sample from stalling the request.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly AnswerExtractionKind _kind;
    private readonly Regex? _pattern;

    private AnswerExtractor(AnswerExtractionKind kind, Regex? pattern)
    {
        _kind = kind;
        _pattern = pattern;
    }

    public static AnswerExtractor LastNumber { get; } = new(AnswerExtractionKind.LastNumber, null);

    public static AnswerExtractor Boxed { get; } = new(AnswerExtractionKind.Boxed, null);

    /// <exception cref="ArgumentException">The pattern is not a valid .NET regular expression.</exception>
    public static AnswerExtractor FromPattern(string pattern) => FromPattern(new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout));

    /// <summary>The last match's first group (or the whole match without groups); <paramref name="pattern"/> should carry <see cref="MatchTimeout"/>.</summary>
    public static AnswerExtractor FromPattern(Regex pattern) => new(AnswerExtractionKind.Regex, pattern);

    public string? Extract(string answerText)
    {
        var raw = _kind switch
        {
            AnswerExtractionKind.LastNumber => LastMatch(Number(), answerText, group: 0),
            AnswerExtractionKind.Boxed => LastBoxed(answerText),
            _ => LastMatch(_pattern!, answerText, group: 1),
        };
        if (raw is null)
        {
            return null;
        }

        var normalized = AnswerNormalizer.Normalize(raw);
        return normalized.Length == 0 ? null : normalized;
    }

    private static string? LastMatch(Regex regex, string text, int group)
    {
        try
        {
            Match? last = null;
            for (var match = regex.Match(text); match.Success; match = match.NextMatch())
            {
                last = match;
            }

            if (last is null)
            {
                return null;
            }

            return group > 0 && last.Groups.Count > group && last.Groups[group].Success ? last.Groups[group].Value : last.Value;
        }
        catch (RegexMatchTimeoutException)
        {
            return null; // counts as an answer that failed to extract
        }
    }

    private static string? LastBoxed(string text)
    {
        const string Opening = "\\boxed{";
        var start = text.LastIndexOf(Opening, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var depth = 1;
        for (var i = start + Opening.Length; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[(start + Opening.Length)..i];
            }
        }

        return null; // unclosed: the sample was cut off mid-answer
    }

    [GeneratedRegex(@"(?<!\d)[+-]?\d{1,3}(,\d{3})+(\.\d+)?(?!\d)|(?<!\d)[+-]?\d+(\.\d+)?")]
    private static partial Regex Number();
}
