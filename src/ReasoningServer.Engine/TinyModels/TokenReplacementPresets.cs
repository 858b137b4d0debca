namespace ReasoningServer.Engine.TinyModels;

/// <summary>Named sets of <see cref="TokenReplacement"/>s that turn a base tokenizer into a derived model family's.</summary>
public static class TokenReplacementPresets
{
    /// <summary>The name of <see cref="DeepSeekR1ThinkTokens"/> on the command line.</summary>
    public const string DeepSeekR1Name = "deepseek-r1";

    /// <summary>The name of <see cref="Llama31SpecialTokens"/> on the command line.</summary>
    public const string Llama31Name = "llama-3.1";

    /// <summary>
    /// DeepSeek-R1's tokenizer is DeepSeek-V3's with placeholders 128798/128799 (<c>&lt;｜place▁holder▁no▁798｜&gt;</c>, …)
    /// turned into the non-special added tokens <c>&lt;think&gt;</c> and <c>&lt;/think&gt;</c>, so that they stay in
    /// decoded text; convert_hf_to_gguf.py makes them USER_DEFINED.
    /// </summary>
    public static IReadOnlyList<TokenReplacement> DeepSeekR1ThinkTokens { get; } =
    [
        new(128798, "<think>", Special: false),
        new(128799, "</think>", Special: false),
    ];

    /// <summary>
    /// Llama 3.1's tokenizer is Llama 3's with four reserved special tokens given names (<c>&lt;|finetune_right_pad_id|&gt;</c>
    /// 128004, <c>&lt;|eom_id|&gt;</c> 128008, which ends a tool-calling turn, <c>&lt;|python_tag|&gt;</c> 128010) and the
    /// remaining reserved ones renumbered: 128005 is <c>&lt;|reserved_special_token_2|&gt;</c>, 128011 to 128255 are
    /// <c>_3</c> to <c>_247</c>. In id order, each text is freed by a lower id before it is taken.
    /// </summary>
    public static IReadOnlyList<TokenReplacement> Llama31SpecialTokens { get; } =
    [
        new(128004, "<|finetune_right_pad_id|>", Special: true),
        new(128005, "<|reserved_special_token_2|>", Special: true),
        new(128008, "<|eom_id|>", Special: true),
        new(128010, "<|python_tag|>", Special: true),
        .. Enumerable.Range(128011, 128256 - 128011).Select(id => new TokenReplacement(id, $"<|reserved_special_token_{id - 128008}|>", Special: true)),
    ];

    /// <summary>The preset called <paramref name="name"/>, or null when there is none.</summary>
    public static IReadOnlyList<TokenReplacement>? Find(string name) => name.ToLowerInvariant() switch
    {
        DeepSeekR1Name => DeepSeekR1ThinkTokens,
        Llama31Name => Llama31SpecialTokens,
        _ => null,
    };

    /// <summary>Every preset name, for usage messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [DeepSeekR1Name, Llama31Name];
}
