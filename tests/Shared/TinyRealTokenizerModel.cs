using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Tests.Shared;

/// <summary>
/// A tiny random-weight model with a real model family's tokenizer (from the oracle's tokenizer packages) and chat
/// template, sized like the real model's embedding (its config.json's <c>vocab_size</c>) and with that config's special
/// token ids. <see cref="EnsureBuilt"/> builds it once into the user cache (<see cref="TinyRealTokenizerModelCache"/>).
/// </summary>
public sealed record TinyRealTokenizerModel
{
    /// <summary>Qwen3 (0.6B-32B): 151,669 tokens in an embedding of 151,936; its own template (= llama.cpp's Qwen-Qwen3-0.6B.jinja).</summary>
    public static TinyRealTokenizerModel Qwen3 { get; } = new()
    {
        Name = "qwen3",
        Tokenizer = OracleTokenizer.Qwen3,
        TemplateSource = TinyModelTemplateSource.Package,
        VocabularySize = 151936,
        ConfigTokenIds = new Dictionary<string, int> { ["bos"] = 151643, ["eos"] = 151645 },
    };

    /// <summary>DeepSeek-R1: V3's tokenizer with R1's think tokens, 129,280 ids; R1's template as llama.cpp ships it (the Qwen-32B distill's).</summary>
    public static TinyRealTokenizerModel DeepSeekR1 { get; } = new()
    {
        Name = "deepseek-r1",
        Tokenizer = OracleTokenizer.DeepSeekR1,
        TemplateSource = TinyModelTemplateSource.LlamaCpp(LlamaCppTemplates.DeepSeekR1DistillQwen32B),
        VocabularySize = 129280,
        ConfigTokenIds = new Dictionary<string, int> { ["bos"] = 0, ["eos"] = 1 },
    };

    /// <summary>The same R1 model with the tokenizer package's own template, DeepSeek-V3's (no thinking section).</summary>
    public static TinyRealTokenizerModel DeepSeekR1WithV3Template { get; } = DeepSeekR1 with
    {
        Name = "deepseek-r1-v3-template",
        TemplateSource = TinyModelTemplateSource.Package,
    };

    /// <summary>Llama 3.1 Instruct: 128,256 tokens (3.1's special names); Meta's 3.1 template (tools, dates) as llama.cpp ships it.</summary>
    public static TinyRealTokenizerModel Llama31 { get; } = new()
    {
        Name = "llama3_1",
        Tokenizer = OracleTokenizer.Llama31,
        TemplateSource = TinyModelTemplateSource.LlamaCpp(LlamaCppTemplates.Llama31Instruct),
        VocabularySize = 128256,

        // Its config.json lists three eos ids, which convert skips: eos comes from tokenizer_config.json (<|eot_id|>).
        ConfigTokenIds = new Dictionary<string, int> { ["bos"] = 128000 },
    };

    /// <summary>Llama 3 Instruct: the tokenizer package as it is (Llama 3's, though named llama3_1) with its own template.</summary>
    public static TinyRealTokenizerModel Llama3 { get; } = Llama31 with
    {
        Name = "llama3",
        Tokenizer = OracleTokenizer.Llama3,
        TemplateSource = TinyModelTemplateSource.Package,
    };

    public static IReadOnlyList<TinyRealTokenizerModel> All { get; } =
        [Qwen3, DeepSeekR1, DeepSeekR1WithV3Template, Llama31, Llama3];

    public required string Name { get; init; }

    public required OracleTokenizer Tokenizer { get; init; }

    public required TinyModelTemplateSource TemplateSource { get; init; }

    /// <summary>The real model's <c>vocab_size</c>: ids beyond the tokenizer's are <c>[PAD{id}]</c> tokens.</summary>
    public required int VocabularySize { get; init; }

    /// <summary>The real model's config.json special token ids.</summary>
    public required IReadOnlyDictionary<string, int> ConfigTokenIds { get; init; }

    /// <summary>The model by <see cref="Name"/>.</summary>
    public static TinyRealTokenizerModel Named(string name) =>
        All.SingleOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No tiny model '{name}'; there are {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    /// <summary>The chat template the model carries.</summary>
    public string ReadChatTemplate() => TemplateSource.Read(Tokenizer);

    /// <summary>The generator's options for this model.</summary>
    public RealTokenizerModelOptions Options => new()
    {
        Name = $"tiny-{Name}",
        Tokenizer = new TokenizerConversionOptions
        {
            ChatTemplate = ReadChatTemplate(),
            TokenReplacements = Tokenizer.TokenReplacements,
            VocabularySize = VocabularySize,
            ConfigTokenIds = ConfigTokenIds,
        },
    };

    /// <summary>The GGUF file, built on first use.</summary>
    public string EnsureBuilt() => TinyRealTokenizerModelCache.EnsureBuilt(this);

    public override string ToString() => Name;
}
