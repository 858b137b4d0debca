namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Names a byte-level BPE pre-tokenizer the way llama.cpp's <c>tokenizer.ggml.pre</c> does, from the regexes of its
/// <c>Split</c> steps. convert_hf_to_gguf.py identifies a tokenizer by hashing its tokens of a probe text, which needs
/// the Python tokenizer; the regexes are what that hash stands for, and llama.cpp quotes the original regex beside
/// each of its own adaptations (src/llama-vocab.cpp).
/// </summary>
public static class BpePreTokenizers
{
    public const string Qwen2 = "qwen2";
    public const string Llama3 = "llama-bpe";
    public const string DeepSeekV3 = "deepseek-v3";

    // Qwen2, Qwen2.5 and Qwen3 (and the DeepSeek-R1 Qwen distills) share one regex: digits one by one.
    private const string QwenRegex =
        """(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""";

    // Llama 3's differs only in splitting digits in groups of up to three.
    private const string Llama3Regex =
        """(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""";

    // DeepSeek V3 and R1: digit groups, runs of CJK ideographs and kana, then the rest (literal CR and LF in its classes).
    private static readonly string[] DeepSeekV3Regexes =
    [
        "\\p{N}{1,3}",
        "[\u4E00-\u9FA5\u3040-\u309F\u30A0-\u30FF]+",
        "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
    ];

    private static readonly (string Name, string[] Patterns)[] Known =
    [
        (Qwen2, [QwenRegex]),
        (Llama3, [Llama3Regex]),
        (DeepSeekV3, DeepSeekV3Regexes),
    ];

    /// <summary>Every name <see cref="Detect"/> can return.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = [.. Known.Select(k => k.Name)];

    /// <summary>The llama.cpp pre-tokenizer whose regexes are exactly <paramref name="splitPatterns"/>, or null.</summary>
    public static string? Detect(IReadOnlyList<string> splitPatterns)
    {
        ArgumentNullException.ThrowIfNull(splitPatterns);
        foreach (var (name, patterns) in Known)
        {
            if (patterns.SequenceEqual(splitPatterns, StringComparer.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
