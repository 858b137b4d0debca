using System.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Text;

/// <summary>
/// Tokenizing and token text for one model. The vocabulary is immutable once loaded, so these calls
/// are safe from request threads while the engine thread decodes.
/// </summary>
public sealed unsafe class Tokenizer
{
    private readonly nint _vocab;
    private readonly byte[][] _pieces;
    private SpecialToken[]? _specialTokens;
    private ProvenanceTokenizer? _templated;

    internal Tokenizer(nint vocab)
    {
        _vocab = vocab;
        VocabularySize = NativeMethods.llama_vocab_n_tokens(vocab);
        // Rendering every token once up front keeps detokenizing a table lookup (151k tokens take ~50 ms).
        _pieces = new byte[VocabularySize][];
        for (var id = 0; id < VocabularySize; id++)
        {
            _pieces[id] = RenderPiece(new LlamaToken(id));
        }
    }

    public int VocabularySize { get; }

    /// <summary>Whether llama.cpp puts the beginning-of-sequence token in front when asked to add special tokens.</summary>
    public bool AddsBeginningOfSequence => NativeMethods.llama_vocab_get_add_bos(_vocab) != 0;

    /// <summary>The beginning-of-sequence token, or null when the vocabulary has none.</summary>
    public LlamaToken? BeginningOfSequence => NativeMethods.llama_vocab_bos(_vocab) is { Value: >= 0 } bos ? bos : null;

    /// <summary>The end-of-sequence token, or null when the vocabulary has none.</summary>
    public LlamaToken? EndOfSequence => NativeMethods.llama_vocab_eos(_vocab) is { Value: >= 0 } eos ? eos : null;

    /// <summary>The control and user-defined tokens, longest text first (the order llama.cpp matches them in).</summary>
    public IReadOnlyList<SpecialToken> SpecialTokens => _specialTokens ??= FindSpecialTokens();

    /// <summary>Tokenizing for rendered templates: only template text can become special tokens.</summary>
    public ProvenanceTokenizer Templated => _templated ??= new ProvenanceTokenizer(this);

    /// <summary>A token's text as the vocabulary stores it (for special tokens: their literal text).</summary>
    public string GetVocabularyText(LlamaToken token) =>
        System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)NativeMethods.llama_vocab_get_text(_vocab, token)) ?? string.Empty;

    /// <summary>Tokenizes text. <paramref name="parseSpecial"/> turns <c>&lt;|im_start|&gt;</c> and the
    /// like into their single control tokens, which templated prompts need.</summary>
    public LlamaToken[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new LlamaToken[bytes.Length + 2];
        while (true)
        {
            int count;
            fixed (byte* textPtr = bytes)
            fixed (LlamaToken* tokensPtr = tokens)
            {
                count = NativeMethods.llama_tokenize(_vocab, textPtr, bytes.Length, tokensPtr, tokens.Length,
                    addSpecial ? (byte)1 : (byte)0, parseSpecial ? (byte)1 : (byte)0);
            }

            if (count >= 0)
            {
                return tokens.AsSpan(0, count).ToArray();
            }

            tokens = new LlamaToken[-count];
        }
    }

    /// <summary>The UTF-8 bytes a token stands for (possibly part of a character).</summary>
    public ReadOnlySpan<byte> GetBytes(LlamaToken token) => _pieces[token.Value];

    /// <summary>A token's text for display (logprobs); partial characters become U+FFFD.</summary>
    public string GetDisplayText(LlamaToken token) => Encoding.UTF8.GetString(_pieces[token.Value]);

    public bool IsEndOfGeneration(LlamaToken token) => NativeMethods.llama_vocab_is_eog(_vocab, token) != 0;

    public bool IsValid(int id) => id >= 0 && id < VocabularySize;

    /// <summary>The token that <paramref name="text"/> is as one special token, or null when it is not one.</summary>
    public LlamaToken? FindSingleToken(string text)
    {
        var tokens = Tokenize(text, addSpecial: false, parseSpecial: true);
        return tokens.Length == 1 ? tokens[0] : null;
    }

    private SpecialToken[] FindSpecialTokens()
    {
        var found = new List<SpecialToken>();
        for (var id = 0; id < VocabularySize; id++)
        {
            var token = new LlamaToken(id);
            var attributes = NativeMethods.llama_vocab_get_attr(_vocab, token);
            if ((attributes & (LlamaTokenAttr.Control | LlamaTokenAttr.UserDefined)) != 0 && GetVocabularyText(token) is { Length: > 0 } text)
            {
                found.Add(new SpecialToken(token, text, (attributes & LlamaTokenAttr.UserDefined) != 0));
            }
        }

        return [.. found.OrderByDescending(t => t.Text.Length)];
    }

    private byte[] RenderPiece(LlamaToken token)
    {
        Span<byte> buffer = stackalloc byte[256];
        fixed (byte* ptr = buffer)
        {
            // special = true: delimiters that are control tokens in some models must still show as text.
            var length = NativeMethods.llama_token_to_piece(_vocab, token, ptr, buffer.Length, 0, 1);
            if (length >= 0)
            {
                return buffer[..length].ToArray();
            }
        }

        var large = new byte[-NativeMethods.llama_token_to_piece(_vocab, token, null, 0, 0, 1)];
        fixed (byte* ptr = large)
        {
            NativeMethods.llama_token_to_piece(_vocab, token, ptr, large.Length, 0, 1);
        }

        return large;
    }
}
