using System.Runtime.InteropServices;
using System.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.TinyModels;

/// <summary>The generated model must load in the real llama.cpp and tokenize the way the server relies on.</summary>
public sealed class TinyModelRoundTripTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("tinymodel-native-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public unsafe void Test_model_loads_with_expected_vocabulary_and_template()
    {
        string path = Path.Combine(directory, "test.gguf");
        TinyModelGenerator.Generate(path, TinyModelPreset.Test);
        LlamaNativeLibrary.Initialize(null, null);

        using var model = SafeLlamaModelHandle.LoadFromFile(path, NativeMethods.llama_model_default_params());
        nint vocab = model.Vocab;

        Assert.Equal(ByteLevelBpeVocabulary.Count, NativeMethods.llama_vocab_n_tokens(vocab));
        Assert.Equal((ulong)TinyModelSpec.FromPreset(TinyModelPreset.Test).ParameterCount, model.ParameterCount);
        Assert.Equal("llama", model.GetMetadata("general.architecture"));
        Assert.Equal(TinyModelGenerator.ChatTemplate, model.GetChatTemplate());
        Assert.Equal(ByteLevelBpeVocabulary.ImEndId, NativeMethods.llama_vocab_eos(vocab).Value);
        Assert.Equal(ByteLevelBpeVocabulary.ImEndId, NativeMethods.llama_vocab_eot(vocab).Value);
        Assert.Equal(0, NativeMethods.llama_vocab_get_add_bos(vocab));
        Assert.NotEqual(0, NativeMethods.llama_vocab_is_eog(vocab, new LlamaToken(ByteLevelBpeVocabulary.ImEndId)));
        Assert.Equal(0, NativeMethods.llama_vocab_is_eog(vocab, new LlamaToken(ByteLevelBpeVocabulary.ThinkEndId)));

        Assert.Equal([ByteLevelBpeVocabulary.ThinkStartId], Tokenize(vocab, "<think>", parseSpecial: true));
        Assert.Equal([ByteLevelBpeVocabulary.ThinkEndId], Tokenize(vocab, "</think>", parseSpecial: true));
        Assert.Equal([ByteLevelBpeVocabulary.ImStartId], Tokenize(vocab, "<|im_start|>", parseSpecial: true));
        Assert.Equal([ByteLevelBpeVocabulary.ImEndId], Tokenize(vocab, "<|im_end|>", parseSpecial: true));
        Assert.Equal([ByteLevelBpeVocabulary.EndOfTextId], Tokenize(vocab, "<|endoftext|>", parseSpecial: true));

        // No merges: one token per byte, token id == byte value.
        Assert.Equal([.. "hello"u8.ToArray().Select(b => (int)b)], Tokenize(vocab, "hello", parseSpecial: false));
        Assert.Equal([.. Encoding.UTF8.GetBytes(" hé 中").Select(b => (int)b)], Tokenize(vocab, " hé 中", parseSpecial: false));

        // Control tokens are plain text without parse_special (user-defined ones like <think> are matched regardless).
        Assert.Equal(10, Tokenize(vocab, "<|im_end|>", parseSpecial: false).Length);

        Assert.Equal("</think>", Piece(vocab, ByteLevelBpeVocabulary.ThinkEndId));
        Assert.Equal(" ", Piece(vocab, ' '));
    }

    [Fact]
    public unsafe void Builtin_template_engine_recognizes_chatml()
    {
        // llama_chat_apply_template does not run Jinja: it detects ChatML and emits its own generation
        // prompt, which lacks our "<think>\n" (the server has to render the real template itself).
        nint role = Marshal.StringToCoTaskMemUTF8("user");
        nint content = Marshal.StringToCoTaskMemUTF8("Hi");
        try
        {
            LlamaNativeLibrary.Initialize(null, null);
            var message = new LlamaChatMessage((byte*)role, (byte*)content);
            var buffer = new byte[256];
            fixed (byte* b = buffer)
            {
                int n = NativeMethods.llama_chat_apply_template(TinyModelGenerator.ChatTemplate, &message, 1, 1, b, buffer.Length);
                Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(role);
            Marshal.FreeCoTaskMem(content);
        }
    }

    private static unsafe int[] Tokenize(nint vocab, string text, bool parseSpecial)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var tokens = new LlamaToken[utf8.Length + 8];
        fixed (byte* p = utf8)
        fixed (LlamaToken* t = tokens)
        {
            int n = NativeMethods.llama_tokenize(vocab, p, utf8.Length, t, tokens.Length, 0, parseSpecial ? (byte)1 : (byte)0);
            Assert.True(n >= 0, $"llama_tokenize returned {n}");
            return [.. tokens[..n].Select(x => x.Value)];
        }
    }

    private static unsafe string Piece(nint vocab, int token)
    {
        var buffer = new byte[64];
        fixed (byte* b = buffer)
        {
            int n = NativeMethods.llama_token_to_piece(vocab, new LlamaToken(token), b, buffer.Length, 0, 0);
            Assert.True(n >= 0, $"llama_token_to_piece returned {n}");
            return Encoding.UTF8.GetString(buffer, 0, n);
        }
    }
}
