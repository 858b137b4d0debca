using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// gguf-py's <c>SpecialVocab</c> (gguf/vocab.py), step by step: special token ids from <c>tokenizer_config.json</c>'s
/// token texts looked up among the added tokens, <c>add_bos_token</c> and the like from the post-processor and the
/// config, then the ids of <c>config.json</c> where the config named none. Python's truthiness and its comparisons of a
/// token text with a config entry that may be an object are kept, so the same files give the same keys.
/// </summary>
internal sealed class SpecialTokenResolver
{
    private readonly List<string> types = ["bos", "eos", "unk", "sep", "pad", "cls", "mask"];
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> adds = new(StringComparer.Ordinal);

    private SpecialTokenResolver()
    {
    }

    /// <summary>Special token ids by type, in the order they were set.</summary>
    public IReadOnlyDictionary<string, int> Ids => ids;

    /// <summary>add_bos / add_eos / add_sep, as far as the files say.</summary>
    public IReadOnlyDictionary<string, bool> Adds => adds;

    /// <summary><c>chat_template</c> from the config (a string or a list of named templates), or the template file beside it.</summary>
    public JsonNode? ChatTemplate { get; private set; }

    public static SpecialTokenResolver Resolve(HuggingFaceTokenizer tokenizer, IReadOnlyDictionary<string, int>? configTokenIds)
    {
        var resolver = new SpecialTokenResolver();
        resolver.ReadTokenizerFiles(tokenizer);
        resolver.ReadModelConfig(tokenizer.ModelConfig, configTokenIds);
        return resolver;
    }

    private void ReadTokenizerFiles(HuggingFaceTokenizer tokenizer)
    {
        // Python's `if not tokenizer_config`: an empty config counts as none.
        var config = tokenizer.TokenizerConfig.Count > 0 ? (JsonObject)tokenizer.TokenizerConfig.DeepClone() : null;
        var bos = config?["bos_token"];
        var cls = config?["cls_token"];
        var eos = config?["eos_token"];
        var sep = config?["sep_token"];
        if (!Truthy(bos) && Truthy(cls) && config is not null)
        {
            config["bos_token"] = cls!.DeepClone();
            bos = cls;
        }

        if (!Truthy(eos) && Truthy(sep) && config is not null)
        {
            config["eos_token"] = sep!.DeepClone();
            eos = sep;
        }

        if (tokenizer.PostProcessor is { } postProcessor)
        {
            var processors = postProcessor["processors"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [postProcessor];
            foreach (var processor in processors)
            {
                var type = Text(processor["type"]);
                if (type == "RobertaProcessing")
                {
                    adds["bos"] = true;
                    adds["eos"] = true;
                    adds["sep"] = true;
                    if (!Truthy(cls) && config is not null)
                    {
                        cls = processor["cls"] is JsonArray c && c.Count > 0 ? c[0] : bos;
                        config["cls_token"] = cls?.DeepClone();
                    }

                    if (!Truthy(sep) && config is not null)
                    {
                        sep = processor["sep"] is JsonArray s && s.Count > 0 ? s[0] : eos;
                        config["sep_token"] = sep?.DeepClone();
                    }
                }
                else if (type == "TemplateProcessing")
                {
                    ReadTemplateProcessing(processor, config, ref bos, ref cls, ref eos, ref sep);
                }
            }
        }

        if (config is null)
        {
            return;
        }

        ChatTemplate = config.TryGetPropertyValue("chat_template", out var template) ? template : tokenizer.ChatTemplateFile;
        if (ChatTemplate is not null && ChatTemplate.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Array))
        {
            ChatTemplate = null;
        }

        foreach (var type in types)
        {
            if (config[$"add_{type}_token"] is JsonValue add && add.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                adds[type] = add.GetValue<bool>();
            }

            var entry = config[$"{type}_token"];
            var content = entry is JsonObject o ? Text(o["content"]) : Text(entry);
            if (content is null)
            {
                continue;
            }

            // The first added token of that text, whichever id the config's own added_tokens_decoder gives it.
            var match = tokenizer.AddedTokens.FirstOrDefault(a => a.Content == content);
            if (match is not null)
            {
                Set(type, match.Id);
            }
        }
    }

    // "Crude parsing of TemplateProcessing", as gguf-py calls it: a leading special token means add_bos, a trailing one
    // add_eos (a trailing one other than eos becomes eos, the old eos eot), a special between A and B means add_sep.
    private void ReadTemplateProcessing(JsonObject processor, JsonObject? config, ref JsonNode? bos, ref JsonNode? cls, ref JsonNode? eos, ref JsonNode? sep)
    {
        var single = processor["single"] as JsonArray ?? [];
        var pair = processor["pair"] as JsonArray ?? [];
        string? first = null;
        string? last = null;
        if (single.Count > 1)
        {
            first = SpecialTokenId(single[0]);
            if (!string.IsNullOrEmpty(first))
            {
                if (config is null)
                {
                    bos = first;
                }
                else if (!Is(bos, first) && !Is(cls, first))
                {
                    if (!Truthy(bos))
                    {
                        config["bos_token"] = first;
                        bos = first;
                    }

                    if (!Truthy(cls))
                    {
                        config["cls_token"] = first;
                        cls = first;
                    }
                }

                adds["bos"] = Is(bos, first) || Is(cls, first);
            }

            last = SpecialTokenId(single[^1]);
            if (!string.IsNullOrEmpty(last))
            {
                if (config is null)
                {
                    eos = last;
                }
                else if (!Is(eos, last))
                {
                    if (!types.Contains("eot"))
                    {
                        types.Add("eot");
                        config["eot_token"] = eos?.DeepClone();
                    }
                    else if (!types.Contains("eom"))
                    {
                        types.Add("eom");
                        config["eom_token"] = eos?.DeepClone();
                    }

                    config["eos_token"] = last;
                    eos = last;
                }

                adds["eos"] = Is(eos, last);
            }
        }

        if (pair.Count == 0)
        {
            return;
        }

        var start = !string.IsNullOrEmpty(first) && SpecialTokenId(pair[0]) == first ? 1 : 0;
        var stop = !string.IsNullOrEmpty(last) && SpecialTokenId(pair[^1]) == last ? pair.Count - 1 : pair.Count;
        var inner = pair.Take(stop).Skip(start).ToList();
        if (inner.Count == 0 || SequenceId(inner[0]) != "A" || SequenceId(inner[^1]) != "B" || inner.Count <= 2)
        {
            return;
        }

        // A [sep] [eos] B
        var middle = inner.GetRange(1, inner.Count - 2);
        var addSep = false;
        var entry = SpecialTokenId(middle[0]);
        if (!string.IsNullOrEmpty(entry) && (Is(sep, entry) || Is(eos, entry)) && string.IsNullOrEmpty(last))
        {
            addSep = true;
        }

        if (middle.Count == 2)
        {
            var second = SpecialTokenId(middle[1]);
            if (!string.IsNullOrEmpty(second) && (Is(sep, second) || Is(eos, second)))
            {
                addSep = true;
            }
        }

        adds["sep"] = addSep;
        if (addSep && !Truthy(sep) && config is not null)
        {
            config["sep_token"] = eos?.DeepClone();
        }
    }

    private void ReadModelConfig(JsonObject? modelConfig, IReadOnlyDictionary<string, int>? configTokenIds)
    {
        foreach (var type in types)
        {
            // Ids given in code stand for a config.json and win over the folder's own.
            var value = modelConfig?[$"{type}_token_id"] ?? (modelConfig?["text_config"] as JsonObject)?[$"{type}_token_id"];
            if (configTokenIds is not null && configTokenIds.TryGetValue(type, out var given))
            {
                Set(type, given);
            }
            else if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var id))
            {
                // A list (Llama 3.1's three eos ids) is skipped, as gguf-py skips anything but an int.
                Set(type, id);
            }
        }
    }

    // Only the first value of a type counts.
    private void Set(string type, int id)
    {
        if (id < 0)
        {
            throw new InvalidDataException($"Invalid id for special token type {type}: {id}.");
        }

        ids.TryAdd(type, id);
    }

    private static string? SpecialTokenId(JsonNode? item) => Text(item?["SpecialToken"]?["id"]);

    private static string? SequenceId(JsonNode? item) => Text(item?["Sequence"]?["id"]);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    // Python's `a == b` of a token text and a config entry: only a string entry can be equal.
    private static bool Is(JsonNode? node, string text) => Text(node) == text;

    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject o => o.Count > 0,
        JsonArray a => a.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => true,
        },
        _ => true,
    };
}
