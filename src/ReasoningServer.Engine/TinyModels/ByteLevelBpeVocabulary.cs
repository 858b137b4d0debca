using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// A minimal GPT-2 style byte-level BPE vocabulary: token id <c>b</c> (0..255) is byte <c>b</c>,
/// spelled with GPT-2's byte-to-unicode table because that is what llama.cpp's "gpt2" tokenizer
/// looks up; the chat/reasoning specials follow. There are no merges, so every byte of plain
/// text is one token, which keeps token counts in tests trivially predictable.
/// </summary>
public static class ByteLevelBpeVocabulary
{
    public const int ByteTokenCount = 256;

    public const int EndOfTextId = 256;
    public const int ImStartId = 257;
    public const int ImEndId = 258;
    public const int ThinkStartId = 259;
    public const int ThinkEndId = 260;

    /// <summary>Total number of tokens (the model's vocabulary size).</summary>
    public const int Count = 261;

    public const string EndOfText = "<|endoftext|>";
    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";
    public const string ThinkStart = "<think>";
    public const string ThinkEnd = "</think>";

    /// <summary>"qwen2" makes llama.cpp pre-tokenize with the same regex as the Qwen models we imitate.</summary>
    public const string PreTokenizer = "qwen2";

    private static readonly string[] TokenTexts = BuildTokens();
    private static readonly int[] TokenTypeValues = BuildTokenTypes();

    /// <summary>Token strings indexed by id, as stored in <c>tokenizer.ggml.tokens</c>.</summary>
    public static IReadOnlyList<string> Tokens => TokenTexts;

    /// <summary><see cref="GgufTokenType"/> values indexed by id, as stored in <c>tokenizer.ggml.token_type</c>.</summary>
    public static IReadOnlyList<int> TokenTypes => TokenTypeValues;

    /// <summary>GPT-2's printable stand-in for a raw byte.</summary>
    public static char ByteToChar(byte value)
    {
        // Printable Latin-1 bytes stand for themselves; the other 68 are shifted, in order, to U+0100 and up.
        if (IsSelfMapped(value))
        {
            return (char)value;
        }

        int shifted = 0;
        for (int b = 0; b < value; b++)
        {
            if (!IsSelfMapped((byte)b))
            {
                shifted++;
            }
        }

        return (char)(256 + shifted);
    }

    /// <summary>Writes all <c>tokenizer.*</c> metadata (without the chat template) to <paramref name="writer"/>.</summary>
    public static void WriteTo(GgufWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.AddString("tokenizer.ggml.model", "gpt2");
        writer.AddString("tokenizer.ggml.pre", PreTokenizer);
        writer.AddStringArray("tokenizer.ggml.tokens", TokenTexts);
        writer.AddInt32Array("tokenizer.ggml.token_type", TokenTypeValues);

        // llama.cpp refuses a gpt2 vocabulary without this key, but an empty list is accepted.
        writer.AddStringArray("tokenizer.ggml.merges", []);

        // Qwen convention: <|im_end|> ends a turn, <|endoftext|> doubles as bos/pad, no bos is prepended.
        writer.AddUInt32("tokenizer.ggml.bos_token_id", EndOfTextId);
        writer.AddUInt32("tokenizer.ggml.eos_token_id", ImEndId);
        writer.AddUInt32("tokenizer.ggml.eot_token_id", ImEndId);
        writer.AddUInt32("tokenizer.ggml.padding_token_id", EndOfTextId);
        writer.AddBool("tokenizer.ggml.add_bos_token", false);
    }

    private static bool IsSelfMapped(byte b) => b is (>= 33 and <= 126) or (>= 161 and <= 172) or (>= 174 and <= 255);

    private static string[] BuildTokens()
    {
        var tokens = new string[Count];
        for (int b = 0; b < ByteTokenCount; b++)
        {
            tokens[b] = ByteToChar((byte)b).ToString();
        }

        tokens[EndOfTextId] = EndOfText;
        tokens[ImStartId] = ImStart;
        tokens[ImEndId] = ImEnd;
        tokens[ThinkStartId] = ThinkStart;
        tokens[ThinkEndId] = ThinkEnd;
        return tokens;
    }

    private static int[] BuildTokenTypes()
    {
        var types = new int[Count];
        Array.Fill(types, (int)GgufTokenType.Normal);
        types[EndOfTextId] = (int)GgufTokenType.Control;
        types[ImStartId] = (int)GgufTokenType.Control;
        types[ImEndId] = (int)GgufTokenType.Control;

        // User-defined, as in Qwen3: llama.cpp prints them as text even when specials are not rendered.
        types[ThinkStartId] = (int)GgufTokenType.UserDefined;
        types[ThinkEndId] = (int)GgufTokenType.UserDefined;
        return types;
    }
}
