using ReasoningServer.Engine.Gguf;
using ReasoningServer.Engine.Tests.Gguf;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Engine.Tests.TinyModels;

public sealed class TinyModelGeneratorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("tinymodel-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_does_not()
    {
        string a = Path.Combine(directory, "a.gguf");
        string b = Path.Combine(directory, "b.gguf");
        string c = Path.Combine(directory, "c.gguf");
        TinyModelGenerator.Generate(a, TinyModelPreset.Test, seed: 7);
        TinyModelGenerator.Generate(b, TinyModelPreset.Test, seed: 7);
        TinyModelGenerator.Generate(c, TinyModelPreset.Test, seed: 8);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Fact]
    public void Test_preset_header_round_trips()
    {
        string path = Path.Combine(directory, "test.gguf");
        TinyModelGenerator.Generate(path, TinyModelPreset.Test);
        byte[] bytes = File.ReadAllBytes(path);
        var gguf = GgufTestReader.Read(bytes);
        var spec = TinyModelSpec.FromPreset(TinyModelPreset.Test);

        Assert.Equal("GGUF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(3u, gguf.Version);
        Assert.Equal(32u, gguf.Metadata["general.alignment"]);
        Assert.Equal("llama", gguf.Metadata["general.architecture"]);
        Assert.Equal(131072u, gguf.Metadata["llama.context_length"]);
        Assert.Equal(64u, gguf.Metadata["llama.embedding_length"]);
        Assert.Equal(2u, gguf.Metadata["llama.block_count"]);
        Assert.Equal(4u, gguf.Metadata["llama.attention.head_count"]);
        Assert.Equal(2u, gguf.Metadata["llama.attention.head_count_kv"]);
        Assert.Equal(261u, gguf.Metadata["llama.vocab_size"]);
        Assert.Equal("gpt2", gguf.Metadata["tokenizer.ggml.model"]);
        Assert.Equal(261, ((object[])gguf.Metadata["tokenizer.ggml.tokens"]).Length);
        Assert.Equal("\u0120", ((object[])gguf.Metadata["tokenizer.ggml.tokens"])[' ']);
        Assert.Equal(261, ((object[])gguf.Metadata["tokenizer.ggml.token_type"]).Length);
        Assert.Empty((object[])gguf.Metadata["tokenizer.ggml.merges"]);
        Assert.Equal((uint)ByteLevelBpeVocabulary.ImEndId, gguf.Metadata["tokenizer.ggml.eos_token_id"]);
        Assert.Equal(false, gguf.Metadata["tokenizer.ggml.add_bos_token"]);
        Assert.Equal(TinyModelGenerator.ChatTemplate, gguf.Metadata["tokenizer.chat_template"]);
        Assert.Contains("'<|im_start|>assistant\\n<think>\\n'", TinyModelGenerator.ChatTemplate);

        Assert.Equal(3 + (9 * spec.BlockCount), gguf.Tensors.Count);
        Assert.Contains(gguf.Tensors, t => t.Name == "blk.1.ffn_down.weight" && t.Dims.SequenceEqual([192L, 64L]) && t.Type == 1);
        Assert.Contains(gguf.Tensors, t => t.Name == "output_norm.weight" && t.Type == 0);
        Assert.Equal(spec.ParameterCount, gguf.Tensors.Sum(t => t.ElementCount));

        // Offsets must be contiguous after 32-byte padding: llama.cpp rejects anything else.
        ulong expected = 0;
        foreach (var t in gguf.Tensors)
        {
            Assert.Equal(expected, t.Offset);
            expected += (ulong)((t.ByteSize + 31) / 32 * 32);
        }

        Assert.Equal(gguf.DataStart + (long)expected, bytes.Length);
    }

    [Fact]
    public void Bench_preset_is_about_25M_parameters()
    {
        long parameters = TinyModelSpec.FromPreset(TinyModelPreset.Bench).ParameterCount;
        Assert.InRange(parameters, 20_000_000, 30_000_000);
    }

    [Fact]
    public void Large_preset_is_about_100M_parameters()
    {
        long parameters = TinyModelSpec.FromPreset(TinyModelPreset.Large).ParameterCount;
        Assert.InRange(parameters, 95_000_000, 110_000_000);
    }
}
