using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.Gguf;
using ReasoningServer.Engine.Tests.Gguf;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Engine.Tests.TinyModels;

/// <summary>The conversion of Hugging Face tokenizer files into GGUF keys, rule by rule of convert_hf_to_gguf.py and gguf-py.</summary>
public sealed class GgufTokenizerConverterTests : IDisposable
{
    private const string QwenRegex =
        """(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""";

    private readonly string folder = Directory.CreateTempSubdirectory("tokenizer-converter-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Tokens_get_convert_types_and_holes_become_unused_padding()
    {
        var metadata = Convert(Tokenizer(), Config());

        // Ids 0-4 from the BPE vocabulary, 5 a hole, 6-9 added tokens.
        Assert.Equal(["a", "b", "ab", "Ġ", "Ġa", "[PAD5]", "<|end|>", "<tool>", "<｜User｜>", " x ", "<pad>"], metadata.Tokens);
        Assert.Equal(
            [
                GgufTokenType.Normal, GgufTokenType.Normal, GgufTokenType.Normal, GgufTokenType.Normal, GgufTokenType.Normal,
                GgufTokenType.Unused,

                // special; not special but plain; not special but looks special (DeepSeek's full-width bars); a
                // SentencePiece space pre-normalized; "<pad>", which convert always takes for a control token.
                GgufTokenType.Control, GgufTokenType.UserDefined, GgufTokenType.Control, GgufTokenType.UserDefined, GgufTokenType.Control,
            ],
            metadata.TokenTypes.Select(t => (GgufTokenType)t));
    }

    [Fact]
    public void Merges_stored_as_pairs_become_strings_with_spaces_encoded()
    {
        var tokenizer = Tokenizer();
        tokenizer["model"]!["merges"] = new JsonArray(new JsonArray("a", "b"), new JsonArray("a b", "c"));
        Assert.Equal(["a b", "aĠb c"], Convert(tokenizer, Config()).Merges);

        tokenizer["model"]!["merges"] = new JsonArray("a b", "Ġ a");
        Assert.Equal(["a b", "Ġ a"], Convert(tokenizer, Config()).Merges);
    }

    [Fact]
    public void The_pre_tokenizer_is_named_from_its_regexes()
    {
        Assert.Equal(BpePreTokenizers.Qwen2, Convert(Tokenizer(), Config()).PreTokenizer);
        Assert.Equal(BpePreTokenizers.Llama3, Convert(Tokenizer(QwenRegex.Replace(@"|\p{N}|", @"|\p{N}{1,3}|", StringComparison.Ordinal)), Config()).PreTokenizer);
    }

    [Fact]
    public void An_unknown_pre_tokenizer_fails_naming_the_override_unless_one_is_given()
    {
        var tokenizer = Tokenizer(@"\w+|\s+");

        var error = Assert.Throws<NotSupportedException>(() => Convert(tokenizer, Config()));
        Assert.Contains(@"\\w+|\\s+", error.Message);
        Assert.Contains("PreTokenizer option", error.Message);
        Assert.Equal("gpt-2", Convert(tokenizer, Config(), new TokenizerConversionOptions { PreTokenizer = "gpt-2" }).PreTokenizer);
    }

    [Fact]
    public void Special_ids_come_from_the_config_then_from_config_json_where_it_named_none()
    {
        var config = Config();
        config["bos_token"] = new JsonObject { ["__type"] = "AddedToken", ["content"] = "<|end|>" };
        config["pad_token"] = null;
        config["add_bos_token"] = true;
        var modelConfig = new JsonObject { ["bos_token_id"] = 3, ["pad_token_id"] = 7, ["eos_token_id"] = new JsonArray(6, 7) };

        var metadata = Convert(Tokenizer(), config, modelConfig: modelConfig);

        Assert.Equal(new Dictionary<string, int> { ["bos"] = 6, ["eos"] = 6, ["pad"] = 7 }, metadata.SpecialTokenIds);
        Assert.Equal(new Dictionary<string, bool> { ["bos"] = true }, metadata.AddSpecialTokens);

        // Ids given as options stand for a config.json and win over the file's.
        var given = Convert(Tokenizer(), config, new TokenizerConversionOptions { ConfigTokenIds = new Dictionary<string, int> { ["pad"] = 10 } }, modelConfig);
        Assert.Equal(10, given.SpecialTokenIds["pad"]);
    }

    [Fact]
    public void A_leading_special_in_the_post_processor_means_add_bos()
    {
        var tokenizer = Tokenizer();
        // Llama 3's: "<|begin_of_text|> $A" and "<|begin_of_text|> $A <|begin_of_text|> $B".
        tokenizer["post_processor"] = JsonNode.Parse("""
            {"type": "Sequence", "processors": [
              {"type": "ByteLevel"},
              {"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "<|end|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
               "pair": [{"SpecialToken": {"id": "<|end|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                        {"SpecialToken": {"id": "<|end|>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}]}]}
            """);
        var config = Config();
        config["bos_token"] = "<|end|>";
        config["eos_token"] = "<tool>";

        var metadata = Convert(tokenizer, config);

        Assert.Equal(new Dictionary<string, bool> { ["bos"] = true, ["sep"] = false }, metadata.AddSpecialTokens);
        Assert.Equal(new Dictionary<string, int> { ["bos"] = 6, ["eos"] = 7, ["pad"] = 7 }, metadata.SpecialTokenIds);
    }

    [Fact]
    public void A_trailing_special_other_than_eos_becomes_eos_and_the_old_eos_eot()
    {
        var tokenizer = Tokenizer();
        tokenizer["post_processor"] = JsonNode.Parse("""
            {"type": "TemplateProcessing",
             "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "<|end|>", "type_id": 0}}], "pair": []}
            """);
        var config = Config();
        config["eos_token"] = "<tool>";

        var metadata = Convert(tokenizer, config);

        Assert.Equal(new Dictionary<string, int> { ["eos"] = 6, ["pad"] = 7, ["eot"] = 7 }, metadata.SpecialTokenIds);
        Assert.True(metadata.AddSpecialTokens["eos"]);
    }

    [Fact]
    public void Replacements_rename_placeholders_into_user_defined_tokens()
    {
        var options = new TokenizerConversionOptions { TokenReplacements = [new(6, "<think>", Special: false), new(5, "</think>", Special: false)] };

        var metadata = Convert(Tokenizer(), Config(), options);

        Assert.Equal("<think>", metadata.Tokens[6]);
        Assert.Equal("</think>", metadata.Tokens[5]);
        Assert.Equal(GgufTokenType.UserDefined, (GgufTokenType)metadata.TokenTypes[6]);
        Assert.Equal(GgufTokenType.UserDefined, (GgufTokenType)metadata.TokenTypes[5]);

        // The config's eos named the old text, which is gone.
        Assert.False(metadata.SpecialTokenIds.ContainsKey("eos"));
        Assert.Throws<ArgumentException>(() => Convert(Tokenizer(), Config(), new TokenizerConversionOptions { TokenReplacements = [new(6, "ab", Special: true)] }));
    }

    [Fact]
    public void The_deepseek_r1_preset_renames_v3s_placeholders_and_llama_31s_frees_names_in_order()
    {
        Assert.Equal([128798, 128799], TokenReplacementPresets.DeepSeekR1ThinkTokens.Select(r => r.Id));
        Assert.All(TokenReplacementPresets.DeepSeekR1ThinkTokens, r => Assert.False(r.Special));

        var llama = TokenReplacementPresets.Llama31SpecialTokens;
        Assert.Equal(4 + 245, llama.Count);
        Assert.Equal("<|eom_id|>", llama.Single(r => r.Id == 128008).Content);
        Assert.Equal("<|reserved_special_token_3|>", llama.Single(r => r.Id == 128011).Content);
        Assert.Equal("<|reserved_special_token_247|>", llama.Single(r => r.Id == 128255).Content);
        Assert.Same(llama, TokenReplacementPresets.Find("LLAMA-3.1"));
        Assert.Null(TokenReplacementPresets.Find("llama-4"));
    }

    [Fact]
    public void The_chat_template_comes_from_the_config_or_an_override_and_named_ones_are_split()
    {
        var config = Config();
        Assert.Equal("{{ messages }}", Convert(Tokenizer(), config).ChatTemplate);
        Assert.Equal("override", Convert(Tokenizer(), config, new TokenizerConversionOptions { ChatTemplate = "override" }).ChatTemplate);

        config["chat_template"] = JsonNode.Parse("""[{"name": "default", "template": "main"}, {"name": "tool-use", "template": "tools"}]""");
        var named = Convert(Tokenizer(), config);
        Assert.Equal("main", named.ChatTemplate);
        Assert.Equal([new KeyValuePair<string, string>("tool_use", "tools")], named.NamedChatTemplates);
    }

    [Fact]
    public void The_vocabulary_size_pads_the_ids_and_must_hold_them_all()
    {
        Assert.Equal(11, Convert(Tokenizer(), Config()).Count);
        Assert.Equal("[PAD15]", Convert(Tokenizer(), Config(), new TokenizerConversionOptions { VocabularySize = 16 }).Tokens[15]);
        Assert.Equal(13, Convert(Tokenizer(), Config(), modelConfig: new JsonObject { ["vocab_size"] = 13 }).Count);
        Assert.Throws<InvalidDataException>(() => Convert(Tokenizer(), Config(), new TokenizerConversionOptions { VocabularySize = 8 }));
    }

    [Fact]
    public void Only_byte_level_bpe_is_supported()
    {
        var tokenizer = Tokenizer();
        tokenizer["model"]!["type"] = "Unigram";
        Assert.Throws<NotSupportedException>(() => Convert(tokenizer, Config()));
    }

    [Fact]
    public void The_generator_reads_a_folder_and_writes_the_same_file_for_the_same_inputs()
    {
        File.WriteAllText(Path.Combine(folder, HuggingFaceTokenizer.TokenizerFileName), Tokenizer().ToJsonString());
        File.WriteAllText(Path.Combine(folder, HuggingFaceTokenizer.TokenizerConfigFileName), Config().ToJsonString());
        var first = Path.Combine(folder, "first.gguf");
        var second = Path.Combine(folder, "second.gguf");
        var options = new RealTokenizerModelOptions { ContextLength = 4096, Seed = 3 };

        var metadata = RealTokenizerModelGenerator.Generate(folder, first, options);
        RealTokenizerModelGenerator.Generate(folder, second, options);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        var file = GgufTestReader.Read(File.ReadAllBytes(first));
        Assert.Equal(4096u, file.Metadata["llama.context_length"]);
        Assert.Equal((uint)metadata.Count, file.Metadata["llama.vocab_size"]);
        Assert.Equal(metadata.Tokens, ((object[])file.Metadata["tokenizer.ggml.tokens"]).Cast<string>());
        Assert.Equal("{{ messages }}", file.Metadata["tokenizer.chat_template"]);

        // The output projection is tied to the token embedding.
        Assert.Contains(file.Tensors, t => t.Name == "token_embd.weight" && t.Dims.SequenceEqual([64L, metadata.Count]));
        Assert.DoesNotContain(file.Tensors, t => t.Name == "output.weight");
    }

    private static GgufTokenizerMetadata Convert(JsonObject tokenizer, JsonObject config, TokenizerConversionOptions? options = null, JsonObject? modelConfig = null) =>
        GgufTokenizerConverter.Convert(HuggingFaceTokenizer.Parse(Encoding.UTF8.GetBytes(tokenizer.ToJsonString()), config, modelConfig), options);

    private static JsonObject Tokenizer(string regex = QwenRegex) => new()
    {
        ["model"] = new JsonObject
        {
            ["type"] = "BPE",
            ["vocab"] = new JsonObject { ["a"] = 0, ["b"] = 1, ["ab"] = 2, ["Ġ"] = 3, ["Ġa"] = 4 },
            ["merges"] = new JsonArray("a b", "Ġ a"),
        },
        ["added_tokens"] = new JsonArray(
            Added(6, "<|end|>", special: true),
            Added(7, "<tool>", special: false),
            Added(8, "<｜User｜>", special: false),
            Added(9, "\u2581x\u2581", special: false),
            Added(10, "<pad>", special: false)),
        ["pre_tokenizer"] = new JsonObject
        {
            ["type"] = "Sequence",
            ["pretokenizers"] = new JsonArray(
                new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = regex }, ["behavior"] = "Isolated" },
                new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false }),
        },
        ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
    };

    private static JsonObject Added(int id, string content, bool special) =>
        new() { ["id"] = id, ["content"] = content, ["special"] = special, ["normalized"] = false };

    private static JsonObject Config() => new()
    {
        ["eos_token"] = "<|end|>",
        ["pad_token"] = "<tool>",
        ["chat_template"] = "{{ messages }}",
    };
}
