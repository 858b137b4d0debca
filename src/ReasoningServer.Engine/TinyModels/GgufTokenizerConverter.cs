using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Turns a Hugging Face byte-level BPE tokenizer into GGUF tokenizer metadata the way llama.cpp's
/// convert_hf_to_gguf.py does (<c>_set_vocab_gpt2</c>: <c>get_vocab_base</c>, then gguf-py's <c>SpecialVocab</c>),
/// so a tiny model tokenizes exactly like a converted real model of that family.
/// </summary>
public static class GgufTokenizerConverter
{
    // U+2581, SentencePiece's space stand-in: convert writes it as a space in user-defined tokens.
    private const string SentencePieceSpace = "\u2581";

    // Regexes in messages as JSON strings, readable: only quotes, backslashes and controls escaped.
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Converts <paramref name="tokenizer"/>.</summary>
    /// <exception cref="NotSupportedException">The pre-tokenizer is not one llama.cpp is known to implement and no override was given.</exception>
    /// <exception cref="InvalidDataException">A token id lies outside the vocabulary size.</exception>
    public static GgufTokenizerMetadata Convert(HuggingFaceTokenizer tokenizer, TokenizerConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        options ??= new TokenizerConversionOptions();
        tokenizer = tokenizer.WithReplacements(options.TokenReplacements);
        var pre = options.PreTokenizer ?? BpePreTokenizers.Detect(tokenizer.PreTokenizerPatterns)
            ?? throw new NotSupportedException(
                $"The pre-tokenizer is not one of those llama.cpp is known to implement ({string.Join(", ", BpePreTokenizers.KnownNames)}); "
                + $"its Split regexes are: {string.Join(" ; ", tokenizer.PreTokenizerPatterns.Select(p => JsonSerializer.Serialize(p, ReadableJson)))}. "
                + "Name llama.cpp's tokenizer.ggml.pre for it explicitly (the PreTokenizer option, --pre on the command line).");

        var (tokens, types) = ConvertTokens(tokenizer, options.VocabularySize);
        var special = SpecialTokenResolver.Resolve(tokenizer, options.ConfigTokenIds);
        var (template, named) = options.ChatTemplate is { } overridden ? (overridden, []) : SplitTemplates(special.ChatTemplate);
        var (lowercase, stripAccents) = ReadNormalizerFlags(tokenizer.Normalizer);
        return new GgufTokenizerMetadata
        {
            PreTokenizer = pre,
            Tokens = tokens,
            TokenTypes = types,
            Merges = tokenizer.Merges,
            SpecialTokenIds = special.Ids,
            AddSpecialTokens = special.Adds,
            ChatTemplate = template,
            NamedChatTemplates = named,
            NormalizerLowercase = lowercase,
            NormalizerStripAccents = stripAccents,
        };
    }

    // get_vocab_base: every id below the vocabulary size, holes as unused [PAD{id}]; added tokens that are special or
    // look it are control tokens, the other added ones user-defined (llama.cpp matches both as a whole in text).
    private static (string[] Tokens, int[] Types) ConvertTokens(HuggingFaceTokenizer tokenizer, int? vocabularySize)
    {
        // transformers' tokenizer.vocab: the model's vocabulary with the added tokens over it.
        var byId = new Dictionary<int, string>();
        foreach (var (text, id) in tokenizer.ModelVocabulary)
        {
            byId[id] = text;
        }

        var addedById = new Dictionary<int, HuggingFaceAddedToken>();
        foreach (var added in tokenizer.AddedTokens)
        {
            byId[added.Id] = added.Content;
            addedById[added.Id] = added;
        }

        // convert's default is len(tokenizer.vocab), which a tokenizer with holes below its highest id would not fit.
        var highest = byId.Keys.DefaultIfEmpty(-1).Max();
        var distinctTexts = tokenizer.ModelVocabulary.Keys.Concat(tokenizer.AddedTokens.Select(a => a.Content)).Distinct(StringComparer.Ordinal).Count();
        var count = vocabularySize ?? ConfigVocabularySize(tokenizer.ModelConfig) ?? Math.Max(distinctTexts, highest + 1);
        if (highest >= count)
        {
            throw new InvalidDataException($"Token id {highest} does not fit a vocabulary of {count}.");
        }

        var tokens = new string[count];
        var types = new int[count];
        for (var id = 0; id < count; id++)
        {
            if (!byId.TryGetValue(id, out var text))
            {
                tokens[id] = $"[PAD{id}]";
                types[id] = (int)GgufTokenType.Unused;
            }
            else if (addedById.TryGetValue(id, out var added))
            {
                // convert re-encodes non-normalized added tokens (decode(encode(text))); an added token is matched
                // whole, so that gives its text back unchanged.
                if (added.Special || LooksSpecial(text))
                {
                    types[id] = (int)GgufTokenType.Control;
                }
                else
                {
                    text = text.Replace(SentencePieceSpace, " ", StringComparison.Ordinal);
                    types[id] = (int)GgufTokenType.UserDefined;
                }

                tokens[id] = text;
            }
            else
            {
                tokens[id] = text;
                types[id] = (int)GgufTokenType.Normal;
            }
        }

        return (tokens, types);
    }

    /// <summary>convert's <c>does_token_look_special</c>: added tokens some models forgot to mark special.</summary>
    public static bool LooksSpecial(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text is "<pad>" or "<mask>" or "<2mass>" or "[@BOS@]"
            || (text.StartsWith("<|", StringComparison.Ordinal) && text.EndsWith("|>", StringComparison.Ordinal))
            || (text.StartsWith("<\uFF5C", StringComparison.Ordinal) && text.EndsWith("\uFF5C>", StringComparison.Ordinal))
            || (text.StartsWith("<unused", StringComparison.Ordinal) && text.EndsWith('>'));
    }

    private static int? ConfigVocabularySize(JsonObject? modelConfig) =>
        modelConfig?["vocab_size"] is JsonValue v && v.TryGetValue<int>(out var size) ? size : null;

    // gguf-py's add_chat_template: a list of {name, template} gives the "default" one plus named ones (names reduced to [A-Za-z0-9_]).
    private static (string? Template, IReadOnlyList<KeyValuePair<string, string>> Named) SplitTemplates(JsonNode? template)
    {
        if (template is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return (value.GetValue<string>(), []);
        }

        if (template is not JsonArray choices)
        {
            return (null, []);
        }

        string? main = null;
        var named = new List<KeyValuePair<string, string>>();
        foreach (var choice in choices.OfType<JsonObject>())
        {
            var name = new string([.. (choice["name"]?.GetValue<string>() ?? "").Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
            var text = choice["template"]?.GetValue<string>();
            if (name.Length == 0 || text is null)
            {
                continue;
            }

            if (name == "default")
            {
                main = text;
            }
            else if (named.All(n => n.Key != name))
            {
                named.Add(new(name, text));
            }
        }

        return (main, named);
    }

    // gguf-py's _parse_normalizer: Lowercase / StripAccents, alone, as BertNormalizer flags or inside a Sequence.
    private static (bool? Lowercase, bool? StripAccents) ReadNormalizerFlags(JsonObject? normalizer)
    {
        bool? lowercase = null;
        bool? stripAccents = null;
        void Visit(JsonObject? node)
        {
            switch (node?["type"]?.GetValue<string>())
            {
                case "Lowercase":
                    lowercase = true;
                    break;
                case "StripAccents":
                    stripAccents = true;
                    break;
                case "BertNormalizer":
                    if (node["lowercase"] is JsonValue l && l.TryGetValue<bool>(out var lower))
                    {
                        lowercase = lower;
                    }

                    if (node["strip_accents"] is JsonValue s && s.TryGetValue<bool>(out var strip))
                    {
                        stripAccents = strip;
                    }

                    break;
                case "Sequence":
                    foreach (var child in (node["normalizers"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        Visit(child);
                    }

                    break;
            }
        }

        Visit(normalizer);
        return (lowercase, stripAccents);
    }
}
