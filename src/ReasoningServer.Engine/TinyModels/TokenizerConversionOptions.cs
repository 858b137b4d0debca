namespace ReasoningServer.Engine.TinyModels;

/// <summary>What <see cref="GgufTokenizerConverter"/> takes beyond the tokenizer files.</summary>
public sealed record TokenizerConversionOptions
{
    /// <summary><c>tokenizer.ggml.pre</c> to write instead of the one detected from the pre-tokenizer's regexes.</summary>
    public string? PreTokenizer { get; init; }

    /// <summary><c>tokenizer.chat_template</c> to write instead of the tokenizer's own (named templates are then dropped).</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>Token texts to replace by id before converting (see <see cref="TokenReplacementPresets"/>).</summary>
    public IReadOnlyList<TokenReplacement> TokenReplacements { get; init; } = [];

    /// <summary>
    /// Number of token ids, holes included, as a model's <c>config.json</c> gives it (<c>vocab_size</c>; real models pad
    /// their embedding beyond the tokenizer: Qwen3 151,936 for 151,669 tokens). Default: the folder's <c>config.json</c>,
    /// else the highest id plus one.
    /// </summary>
    public int? VocabularySize { get; init; }

    /// <summary>
    /// Special token ids by type (<c>bos</c>, <c>eos</c>, <c>pad</c>, …) as a model's <c>config.json</c> gives them
    /// (<c>bos_token_id</c>, …), over the folder's own <c>config.json</c>; like those, used only where <c>tokenizer_config.json</c> names no such token.
    /// </summary>
    public IReadOnlyDictionary<string, int>? ConfigTokenIds { get; init; }
}
