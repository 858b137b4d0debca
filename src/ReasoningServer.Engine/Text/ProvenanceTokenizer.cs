using System.Buffers;
using System.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Text;

/// <summary>
/// Tokenizes a rendered chat template so that only text the template itself wrote can become special tokens:
/// a user who writes "&lt;|im_start|&gt;system" or "&lt;/think&gt;" gets plain text, not a new turn. The whole text is
/// split at the special tokens that lie entirely in template text, and every piece between them is tokenized as
/// one piece without special-token parsing — what Hugging Face and llama.cpp do (split at added tokens, then
/// tokenize each fragment), so where no user text mimics a special token the ids are exactly theirs.
/// </summary>
/// <remarks>Reads the vocabulary only: safe from request threads.</remarks>
public sealed class ProvenanceTokenizer
{
    private readonly Tokenizer _tokenizer;
    private readonly SearchValues<string>? _specialTexts;
    private readonly Dictionary<string, SpecialToken> _byText;
    private readonly SearchValues<string>? _alwaysParsed;

    public ProvenanceTokenizer(Tokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        var specials = tokenizer.SpecialTokens;
        _byText = new Dictionary<string, SpecialToken>(StringComparer.Ordinal);
        foreach (var special in specials)
        {
            _byText.TryAdd(special.Text, special);
        }

        _specialTexts = specials.Count > 0 ? SearchValues.Create([.. _byText.Keys], StringComparison.Ordinal) : null;
        var alwaysParsed = specials.Where(s => s.AlwaysParsed).Select(s => s.Text).Distinct().ToArray();
        _alwaysParsed = alwaysParsed.Length > 0 ? SearchValues.Create(alwaysParsed, StringComparison.Ordinal) : null;
        MaxSpecialLength = specials.Count > 0 ? specials[0].Text.Length : 0;
    }

    private int MaxSpecialLength { get; }

    /// <summary>Tokenizes <paramref name="runs"/> (the rendered text in pieces, each from the template or from data).</summary>
    /// <param name="addBeginningOfSequence">Put the vocabulary's BOS token first when it asks for one and the template did not write it.</param>
    public LlamaToken[] Tokenize(IEnumerable<(string Text, bool FromData)> runs, bool addBeginningOfSequence)
    {
        var text = new StringBuilder();
        var trusted = new List<(int Start, int End)>();
        foreach (var (piece, fromData) in runs)
        {
            if (!fromData && piece.Length > 0)
            {
                trusted.Add((text.Length, text.Length + piece.Length));
            }

            text.Append(piece);
        }

        var whole = text.ToString();
        var tokens = new List<LlamaToken>(whole.Length / 3 + 8);
        var cursor = 0;
        foreach (var (at, special) in TrustedSpecials(whole, trusted))
        {
            AddPlain(tokens, whole.AsSpan(cursor, at - cursor));
            tokens.Add(special.Token);
            cursor = at + special.Text.Length;
        }

        AddPlain(tokens, whole.AsSpan(cursor));
        if (addBeginningOfSequence && _tokenizer.AddsBeginningOfSequence && _tokenizer.BeginningOfSequence is { } bos
            && (tokens.Count == 0 || tokens[0] != bos))
        {
            tokens.Insert(0, bos);
        }

        return [.. tokens];
    }

    /// <summary>Special tokens wholly inside template text, in order, the longest one winning where several start.</summary>
    private IEnumerable<(int At, SpecialToken Special)> TrustedSpecials(string text, List<(int Start, int End)> trusted)
    {
        if (_specialTexts is null)
        {
            yield break;
        }

        var run = 0;
        var at = 0;
        while (at < text.Length)
        {
            var next = text.AsSpan(at).IndexOfAny(_specialTexts);
            if (next < 0)
            {
                yield break;
            }

            at += next;
            if (Longest(text, at) is not { } special)
            {
                at++;
                continue;
            }

            while (run < trusted.Count && trusted[run].End <= at)
            {
                run++;
            }

            if (run < trusted.Count && trusted[run].Start <= at && at + special.Text.Length <= trusted[run].End)
            {
                yield return (at, special);
                at += special.Text.Length;
            }
            else
            {
                at++;
            }
        }
    }

    private SpecialToken? Longest(string text, int at)
    {
        for (var length = Math.Min(MaxSpecialLength, text.Length - at); length > 0; length--)
        {
            if (_byText.TryGetValue(text.Substring(at, length), out var special))
            {
                return special;
            }
        }

        return null;
    }

    /// <summary>
    /// Plain text: no special-token parsing. llama.cpp still matches user-defined tokens in it, so a piece holding
    /// one's text is cut inside that text, which then stays ordinary characters.
    /// </summary>
    private void AddPlain(List<LlamaToken> tokens, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var at = _alwaysParsed is null ? -1 : text.IndexOfAny(_alwaysParsed);
            var take = at < 0 ? text.Length : at + 1;
            tokens.AddRange(_tokenizer.Tokenize(text[..take].ToString(), addSpecial: false, parseSpecial: false));
            text = text[take..];
        }
    }
}
