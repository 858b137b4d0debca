using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// A Hugging Face tokenizer as its files describe it: <c>tokenizer.json</c> (vocabulary, merges, added tokens,
/// pre-tokenizer), <c>tokenizer_config.json</c> (special tokens, <c>add_bos_token</c>, chat template) and, when
/// present, the model's <c>config.json</c> and <c>chat_template.jinja</c>/<c>chat_template.json</c>. Only what
/// <see cref="GgufTokenizerConverter"/> needs is kept.
/// </summary>
public sealed class HuggingFaceTokenizer
{
    public const string TokenizerFileName = "tokenizer.json";
    public const string TokenizerConfigFileName = "tokenizer_config.json";
    public const string ModelConfigFileName = "config.json";

    private HuggingFaceTokenizer(
        IReadOnlyDictionary<string, int> modelVocabulary,
        IReadOnlyList<HuggingFaceAddedToken> addedTokens,
        IReadOnlyList<string> merges,
        IReadOnlyList<string> preTokenizerPatterns,
        JsonObject? normalizer,
        JsonObject? postProcessor,
        JsonObject tokenizerConfig,
        JsonObject? modelConfig,
        JsonNode? chatTemplateFile)
    {
        ModelVocabulary = modelVocabulary;
        AddedTokens = addedTokens;
        Merges = merges;
        PreTokenizerPatterns = preTokenizerPatterns;
        Normalizer = normalizer;
        PostProcessor = postProcessor;
        TokenizerConfig = tokenizerConfig;
        ModelConfig = modelConfig;
        ChatTemplateFile = chatTemplateFile;
    }

    /// <summary>The BPE model's <c>vocab</c>: byte-level encoded token text to id.</summary>
    public IReadOnlyDictionary<string, int> ModelVocabulary { get; }

    /// <summary><c>added_tokens</c>, in file order.</summary>
    public IReadOnlyList<HuggingFaceAddedToken> AddedTokens { get; }

    /// <summary>Merges as GGUF stores them: the two parts joined by one space (a space inside a part is written as U+0120).</summary>
    public IReadOnlyList<string> Merges { get; }

    /// <summary>The regexes of the pre-tokenizer's <c>Split</c> steps, in order; <see cref="BpePreTokenizers"/> names them.</summary>
    public IReadOnlyList<string> PreTokenizerPatterns { get; }

    public JsonObject? Normalizer { get; }

    public JsonObject? PostProcessor { get; }

    /// <summary><c>tokenizer_config.json</c> (an empty object when the folder has none).</summary>
    public JsonObject TokenizerConfig { get; }

    /// <summary>The model's <c>config.json</c> (<c>vocab_size</c>, <c>bos_token_id</c>, …), when the folder has one.</summary>
    public JsonObject? ModelConfig { get; }

    /// <summary>The template of <c>chat_template.jinja</c> (a string, or a list of named templates) or <c>chat_template.json</c>, if any.</summary>
    public JsonNode? ChatTemplateFile { get; }

    /// <summary>Reads the tokenizer files in <paramref name="folder"/>; only <c>tokenizer.json</c> is required.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>tokenizer.json</c>.</exception>
    /// <exception cref="NotSupportedException">The tokenizer is not a byte-level BPE (what llama.cpp calls "gpt2").</exception>
    public static HuggingFaceTokenizer Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var tokenizerPath = Path.Combine(folder, TokenizerFileName);
        if (!File.Exists(tokenizerPath))
        {
            throw new FileNotFoundException($"No {TokenizerFileName} in '{folder}'.", tokenizerPath);
        }

        var configPath = Path.Combine(folder, TokenizerConfigFileName);
        var tokenizerConfig = File.Exists(configPath) ? ReadObject(configPath) : [];
        var modelConfigPath = Path.Combine(folder, ModelConfigFileName);
        var modelConfig = File.Exists(modelConfigPath) ? ReadObject(modelConfigPath) : null;
        return Parse(File.ReadAllBytes(tokenizerPath), tokenizerConfig, modelConfig, ReadChatTemplateFile(folder));
    }

    /// <summary>Parses <c>tokenizer.json</c> bytes with an already read <c>tokenizer_config.json</c> and <c>config.json</c>.</summary>
    public static HuggingFaceTokenizer Parse(ReadOnlyMemory<byte> tokenizerJson, JsonObject tokenizerConfig, JsonObject? modelConfig = null, JsonNode? chatTemplateFile = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizerConfig);
        using var document = JsonDocument.Parse(tokenizerJson);
        var root = document.RootElement;
        var model = root.GetProperty("model");
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type != "BPE" || !IsByteLevel(root))
        {
            throw new NotSupportedException($"Only byte-level BPE tokenizers (llama.cpp's \"gpt2\") are supported; this one is {type ?? "untyped"}.");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in model.GetProperty("vocab").EnumerateObject())
        {
            vocabulary[entry.Name] = entry.Value.GetInt32();
        }

        var addedTokens = new List<HuggingFaceAddedToken>();
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                addedTokens.Add(new HuggingFaceAddedToken(
                    token.GetProperty("id").GetInt32(),
                    token.GetProperty("content").GetString() ?? "",
                    Special: token.TryGetProperty("special", out var special) && special.ValueKind == JsonValueKind.True,
                    Normalized: token.TryGetProperty("normalized", out var normalized) && normalized.ValueKind == JsonValueKind.True));
            }
        }

        return new HuggingFaceTokenizer(
            vocabulary,
            addedTokens,
            ReadMerges(model),
            ReadSplitPatterns(root),
            ReadOptionalObject(root, "normalizer"),
            ReadOptionalObject(root, "post_processor"),
            tokenizerConfig,
            modelConfig,
            chatTemplateFile);
    }

    /// <summary>
    /// This tokenizer with <paramref name="replacements"/> applied in order to its added tokens (and vocabulary), so a
    /// text may move to another id once the token that had it was renamed earlier in the list.
    /// </summary>
    /// <exception cref="ArgumentException">A new text is already another token's.</exception>
    public HuggingFaceTokenizer WithReplacements(IReadOnlyList<TokenReplacement> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        if (replacements.Count == 0)
        {
            return this;
        }

        var vocabulary = new Dictionary<string, int>(ModelVocabulary, StringComparer.Ordinal);
        var vocabularyById = ModelVocabulary.ToLookup(e => e.Value, e => e.Key);
        var added = AddedTokens.ToList();
        foreach (var replacement in replacements)
        {
            // The id now means the new text only: drop whatever stood for it before.
            foreach (var stale in vocabularyById[replacement.Id])
            {
                vocabulary.Remove(stale);
            }

            var index = added.FindIndex(a => a.Id == replacement.Id);
            if (vocabulary.ContainsKey(replacement.Content) || added.Any(a => a.Id != replacement.Id && a.Content == replacement.Content))
            {
                throw new ArgumentException($"'{replacement.Content}' is already the text of another token.", nameof(replacements));
            }

            var token = new HuggingFaceAddedToken(replacement.Id, replacement.Content, replacement.Special, Normalized: index >= 0 && added[index].Normalized);
            if (index >= 0)
            {
                added[index] = token;
            }
            else
            {
                added.Add(token);
            }
        }

        return new HuggingFaceTokenizer(vocabulary, added, Merges, PreTokenizerPatterns, Normalizer, PostProcessor,
            TokenizerConfig, ModelConfig, ChatTemplateFile);
    }

    private static bool IsByteLevel(JsonElement root)
    {
        static bool HasByteLevel(JsonElement node, string listName)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (node.TryGetProperty("type", out var type) && type.GetString() == "ByteLevel")
            {
                return true;
            }

            return node.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array
                && list.EnumerateArray().Any(child => HasByteLevel(child, listName));
        }

        return (root.TryGetProperty("pre_tokenizer", out var pre) && HasByteLevel(pre, "pretokenizers"))
            || (root.TryGetProperty("decoder", out var decoder) && HasByteLevel(decoder, "decoders"));
    }

    private static List<string> ReadMerges(JsonElement model)
    {
        var merges = new List<string>();
        if (!model.TryGetProperty("merges", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return merges;
        }

        foreach (var merge in list.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.String)
            {
                merges.Add(merge.GetString()!);
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            {
                // The pair format (transformers >= 4.45) allows spaces inside a part; GGUF's "a b" strings cannot,
                // so, as gguf-py does, a space is written as its byte-level stand-in U+0120.
                merges.Add(EncodeSpaces(merge[0].GetString()!) + " " + EncodeSpaces(merge[1].GetString()!));
            }
            else
            {
                throw new InvalidDataException($"Unknown tokenizer merges format: {merge.GetRawText()}");
            }
        }

        return merges;
    }

    private static string EncodeSpaces(string part) => part.Replace(' ', (char)(' ' + 256));

    private static List<string> ReadSplitPatterns(JsonElement root)
    {
        var patterns = new List<string>();
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            return patterns;
        }

        IEnumerable<JsonElement> steps = pre.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : [pre];
        foreach (var step in steps)
        {
            if (step.TryGetProperty("type", out var type) && type.GetString() == "Split" && step.TryGetProperty("pattern", out var pattern))
            {
                patterns.Add(pattern.TryGetProperty("Regex", out var regex) ? regex.GetString()! : "String:" + pattern.GetProperty("String").GetString());
            }
        }

        return patterns;
    }

    private static JsonObject? ReadOptionalObject(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(value.GetRawText())!.AsObject()
            : null;

    private static JsonObject ReadObject(string path) =>
        JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8)) as JsonObject
            ?? throw new InvalidDataException($"'{path}' does not hold a JSON object.");

    // As gguf-py: chat_template.jinja (with additional_chat_templates/*.jinja as named ones) first, then chat_template.json.
    private static JsonNode? ReadChatTemplateFile(string folder)
    {
        var jinja = Path.Combine(folder, "chat_template.jinja");
        if (File.Exists(jinja))
        {
            var template = File.ReadAllText(jinja, Encoding.UTF8);
            var additional = Path.Combine(folder, "additional_chat_templates");
            var extra = Directory.Exists(additional) ? Directory.GetFiles(additional, "*.jinja").Order(StringComparer.Ordinal).ToList() : [];
            if (extra.Count == 0)
            {
                return JsonValue.Create(template);
            }

            var named = new JsonArray { new JsonObject { ["name"] = "default", ["template"] = template } };
            foreach (var file in extra)
            {
                named.Add(new JsonObject { ["name"] = Path.GetFileNameWithoutExtension(file), ["template"] = File.ReadAllText(file, Encoding.UTF8) });
            }

            return named;
        }

        var json = Path.Combine(folder, "chat_template.json");
        return File.Exists(json) ? ReadObject(json)["chat_template"]?.DeepClone() : null;
    }
}
