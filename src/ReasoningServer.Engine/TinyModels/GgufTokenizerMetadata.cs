using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>The <c>tokenizer.*</c> keys of a GGUF file, as convert_hf_to_gguf.py writes them for a byte-level BPE model.</summary>
public sealed record GgufTokenizerMetadata
{
    /// <summary>Keys of <see cref="SpecialTokenIds"/> and the GGUF keys they are written to; gguf-py has no key for "cls".</summary>
    private static readonly Dictionary<string, string> IdKeys = new(StringComparer.Ordinal)
    {
        ["bos"] = "tokenizer.ggml.bos_token_id",
        ["eos"] = "tokenizer.ggml.eos_token_id",
        ["unk"] = "tokenizer.ggml.unknown_token_id",
        ["sep"] = "tokenizer.ggml.seperator_token_id",
        ["pad"] = "tokenizer.ggml.padding_token_id",
        ["mask"] = "tokenizer.ggml.mask_token_id",
        ["eot"] = "tokenizer.ggml.eot_token_id",
        ["eom"] = "tokenizer.ggml.eom_token_id",
    };

    private static readonly Dictionary<string, string> AddKeys = new(StringComparer.Ordinal)
    {
        ["bos"] = "tokenizer.ggml.add_bos_token",
        ["eos"] = "tokenizer.ggml.add_eos_token",
        ["sep"] = "tokenizer.ggml.add_sep_token",
    };

    /// <summary><c>tokenizer.ggml.model</c>: "gpt2", llama.cpp's byte-level BPE.</summary>
    public string Model { get; init; } = "gpt2";

    /// <summary><c>tokenizer.ggml.pre</c>: which pre-tokenizer regexes llama.cpp applies.</summary>
    public required string PreTokenizer { get; init; }

    /// <summary>Token texts by id (byte-level encoded, added tokens as written, holes as <c>[PAD{id}]</c>).</summary>
    public required IReadOnlyList<string> Tokens { get; init; }

    /// <summary><see cref="GgufTokenType"/> values by id.</summary>
    public required IReadOnlyList<int> TokenTypes { get; init; }

    /// <summary>Merges as "a b", in rank order.</summary>
    public required IReadOnlyList<string> Merges { get; init; }

    /// <summary>Special token ids by gguf-py's type name (bos, eos, unk, sep, pad, cls, mask, eot, eom).</summary>
    public required IReadOnlyDictionary<string, int> SpecialTokenIds { get; init; }

    /// <summary>Whether llama.cpp adds the bos / eos / sep token when asked to add specials, where the tokenizer says.</summary>
    public required IReadOnlyDictionary<string, bool> AddSpecialTokens { get; init; }

    /// <summary><c>tokenizer.chat_template</c>, if any.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>Further templates by name (<c>tokenizer.chat_template.{name}</c>, listed in <c>tokenizer.chat_templates</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> NamedChatTemplates { get; init; } = [];

    public bool? NormalizerLowercase { get; init; }

    public bool? NormalizerStripAccents { get; init; }

    /// <summary>Number of token ids (the model's vocabulary size).</summary>
    public int Count => Tokens.Count;

    /// <summary>Writes every <c>tokenizer.*</c> key.</summary>
    public void WriteTo(GgufWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.AddString("tokenizer.ggml.model", Model);
        writer.AddString("tokenizer.ggml.pre", PreTokenizer);
        writer.AddStringArray("tokenizer.ggml.tokens", Tokens);
        writer.AddInt32Array("tokenizer.ggml.token_type", TokenTypes);

        // convert_hf_to_gguf.py leaves the key out when there are no merges, but llama.cpp refuses a gpt2 vocabulary without it.
        writer.AddStringArray("tokenizer.ggml.merges", Merges);
        foreach (var (type, id) in SpecialTokenIds)
        {
            if (IdKeys.TryGetValue(type, out var key))
            {
                writer.AddUInt32(key, (uint)id);
            }
        }

        foreach (var (type, add) in AddSpecialTokens)
        {
            if (AddKeys.TryGetValue(type, out var key))
            {
                writer.AddBool(key, add);
            }
        }

        foreach (var (name, template) in NamedChatTemplates)
        {
            writer.AddString($"tokenizer.chat_template.{name}", template);
        }

        if (NamedChatTemplates.Count > 0)
        {
            writer.AddStringArray("tokenizer.chat_templates", [.. NamedChatTemplates.Select(t => t.Key)]);
        }

        if (ChatTemplate is not null)
        {
            writer.AddString("tokenizer.chat_template", ChatTemplate);
        }

        if (NormalizerLowercase is bool lowercase)
        {
            writer.AddBool("tokenizer.ggml.normalizer.lowercase", lowercase);
        }

        if (NormalizerStripAccents is bool stripAccents)
        {
            writer.AddBool("tokenizer.ggml.normalizer.strip_accents", stripAccents);
        }
    }
}
