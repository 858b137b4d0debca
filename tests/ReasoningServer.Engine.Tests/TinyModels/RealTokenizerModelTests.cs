using System.Text.Json.Nodes;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;
using ReasoningServer.Tests.Shared;

namespace ReasoningServer.Engine.Tests.TinyModels;

/// <summary>
/// What llama.cpp makes of the tiny real-tokenizer models beyond plain text: the vocabulary size of the real model,
/// its special and end-of-generation tokens, the chat template each file carries, prompts rendered by Hugging Face's
/// Jinja tokenizing to the reference ids, and a short generation.
/// </summary>
[Collection(RealTokenizerModelsCollection.Name)]
public sealed class RealTokenizerModelTests(RealTokenizerModelsFixture fixture)
{
    public static TheoryData<string> AllModels() => [.. TinyRealTokenizerModel.All.Select(m => m.Name)];

    [Fact]
    public unsafe void Qwen3_has_its_vocabulary_size_and_special_tokens()
    {
        var vocab = fixture.Model(TinyRealTokenizerModel.Qwen3).Handle.Vocab;

        Assert.Equal(151936, NativeMethods.llama_vocab_n_tokens(vocab));
        Assert.Equal(151643, NativeMethods.llama_vocab_bos(vocab).Value);
        Assert.Equal(151645, NativeMethods.llama_vocab_eos(vocab).Value);
        Assert.Equal(151643, NativeMethods.llama_vocab_pad(vocab).Value);
        Assert.Equal(0, NativeMethods.llama_vocab_get_add_bos(vocab));
        Assert.Equal(0, NativeMethods.llama_vocab_get_add_eos(vocab));
        AssertEndsGeneration(vocab, 151643, 151645); // <|endoftext|>, <|im_end|>
        AssertToken(vocab, 151644, "<|im_start|>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 151667, "<think>", LlamaTokenAttr.UserDefined, endsGeneration: false);
        AssertToken(vocab, 151668, "</think>", LlamaTokenAttr.UserDefined, endsGeneration: false);
        AssertToken(vocab, 151657, "<tool_call>", LlamaTokenAttr.UserDefined, endsGeneration: false);

        // The embedding's padding beyond the tokenizer, as in real Qwen3 GGUFs.
        AssertToken(vocab, 151669, "[PAD151669]", LlamaTokenAttr.Unused, endsGeneration: false);
        AssertToken(vocab, 151935, "[PAD151935]", LlamaTokenAttr.Unused, endsGeneration: false);
    }

    [Fact]
    public unsafe void DeepSeek_r1_has_its_vocabulary_size_special_tokens_and_think_tokens()
    {
        var model = fixture.Model(TinyRealTokenizerModel.DeepSeekR1);
        var vocab = model.Handle.Vocab;

        Assert.Equal(129280, NativeMethods.llama_vocab_n_tokens(vocab));
        Assert.Equal(0, NativeMethods.llama_vocab_bos(vocab).Value);
        Assert.Equal(1, NativeMethods.llama_vocab_eos(vocab).Value);
        Assert.Equal(1, NativeMethods.llama_vocab_pad(vocab).Value);
        Assert.Equal(1, NativeMethods.llama_vocab_get_add_bos(vocab));
        Assert.Equal(0, NativeMethods.llama_vocab_get_add_eos(vocab));
        AssertEndsGeneration(vocab, 1); // <｜end▁of▁sentence｜>
        AssertToken(vocab, 0, "<｜begin▁of▁sentence｜>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 128803, "<｜User｜>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 128804, "<｜Assistant｜>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 128798, "<think>", LlamaTokenAttr.UserDefined, endsGeneration: false);
        AssertToken(vocab, 128799, "</think>", LlamaTokenAttr.UserDefined, endsGeneration: false);
        AssertToken(vocab, 128797, "<｜place▁holder▁no▁797｜>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 129279, "[PAD129279]", LlamaTokenAttr.Unused, endsGeneration: false);

        // With specials added, as llama.cpp tokenizes a raw prompt: bos first.
        Assert.Equal([0, 128798], model.Tokenizer.Tokenize("<think>", addSpecial: true, parseSpecial: true).Select(t => t.Value));
    }

    [Fact]
    public unsafe void Llama31_has_its_vocabulary_size_and_special_tokens()
    {
        var vocab = fixture.Model(TinyRealTokenizerModel.Llama31).Handle.Vocab;

        Assert.Equal(128256, NativeMethods.llama_vocab_n_tokens(vocab));
        Assert.Equal(128000, NativeMethods.llama_vocab_bos(vocab).Value);
        Assert.Equal(128009, NativeMethods.llama_vocab_eos(vocab).Value);
        Assert.Equal(-1, NativeMethods.llama_vocab_pad(vocab).Value);
        Assert.Equal(1, NativeMethods.llama_vocab_get_add_bos(vocab));
        Assert.Equal(0, NativeMethods.llama_vocab_get_add_eos(vocab));
        AssertEndsGeneration(vocab, 128001, 128008, 128009); // <|end_of_text|>, <|eom_id|>, <|eot_id|>
        AssertToken(vocab, 128006, "<|start_header_id|>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 128010, "<|python_tag|>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 128255, "<|reserved_special_token_247|>", LlamaTokenAttr.Control, endsGeneration: false);
    }

    [Fact]
    public unsafe void Llama3_keeps_the_packages_reserved_tokens()
    {
        var vocab = fixture.Model(TinyRealTokenizerModel.Llama3).Handle.Vocab;

        Assert.Equal(128009, NativeMethods.llama_vocab_eos(vocab).Value);
        AssertEndsGeneration(vocab, 128001, 128009);
        AssertToken(vocab, 128008, "<|reserved_special_token_4|>", LlamaTokenAttr.Control, endsGeneration: false);
        AssertToken(vocab, 128255, "<|reserved_special_token_250|>", LlamaTokenAttr.Control, endsGeneration: false);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Each_file_carries_its_chat_template(string modelName)
    {
        var model = TinyRealTokenizerModel.Named(modelName);

        Assert.Equal(model.ReadChatTemplate(), fixture.Model(model).ChatTemplateSource);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Prompts_rendered_by_the_reference_tokenize_to_its_ids(string modelName)
    {
        var model = TinyRealTokenizerModel.Named(modelName);
        var conversations = new[]
        {
            new JsonObject { ["messages"] = Messages(("user", "What is 2+2?")), ["add_generation_prompt"] = true },
            new JsonObject
            {
                ["messages"] = Messages(("system", "You are terse."), ("user", "Hi 👋"), ("assistant", "Hello!"), ("user", "Count to 3\r\n in 日本語")),
                ["add_generation_prompt"] = true,
            },
            new JsonObject
            {
                ["messages"] = Messages(("user", "Why?"), ("assistant", "<think>\nLet me see.\n</think>\n\nBecause.")),
                ["add_generation_prompt"] = false,
                ["enable_thinking"] = false,
            },
        };

        var results = ReferenceOracle.Render(model.Tokenizer, model.ReadChatTemplate(), conversations);

        var tokenizer = fixture.Model(model).Tokenizer;
        foreach (var result in results)
        {
            Assert.Null(result.Error);
            Assert.Equal(result.Ids!, tokenizer.Tokenize(result.Text!, addSpecial: false, parseSpecial: true).Select(t => t.Value));
        }
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public async Task A_short_generation_runs(string modelName)
    {
        var model = fixture.Model(TinyRealTokenizerModel.Named(modelName));
        var engine = await EngineRuns.StartAsync(model, new EngineOptions { ContextSize = 256, Slots = 1, BatchSize = 64, Threads = 2 });
        using (engine)
        {
            var prompt = model.Tokenizer.Tokenize("Hello, tiny model.", addSpecial: true, parseSpecial: true);
            var (tokens, summary) = await EngineRuns.RunAsync(engine, new GenerationRequest(prompt, new SamplingParameters { Seed = 7 }, MaxTokens: 8));

            Assert.InRange(summary.GeneratedTokens, 1, 8);
            Assert.All(tokens, t => Assert.True(model.Tokenizer.IsValid(t.Value)));
        }
    }

    private static JsonArray Messages(params (string Role, string Content)[] messages) =>
        [.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })];

    private static void AssertEndsGeneration(nint vocab, params int[] ids)
    {
        foreach (var id in ids)
        {
            Assert.True(NativeMethods.llama_vocab_is_eog(vocab, new LlamaToken(id)) != 0, $"token {id} should end generation");
        }
    }

    private static unsafe void AssertToken(nint vocab, int id, string text, LlamaTokenAttr kind, bool endsGeneration)
    {
        var token = new LlamaToken(id);
        Assert.Equal(text, System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)NativeMethods.llama_vocab_get_text(vocab, token)));
        Assert.True(NativeMethods.llama_vocab_get_attr(vocab, token).HasFlag(kind), $"token {id} should be {kind}");
        Assert.Equal(endsGeneration, NativeMethods.llama_vocab_is_eog(vocab, token) != 0);
    }
}
