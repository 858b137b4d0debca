using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Writes a tiny llama-architecture GGUF with seeded random weights and a real model family's tokenizer (converted
/// from its Hugging Face files as convert_hf_to_gguf.py would), so llama.cpp tokenizes, detects special tokens and
/// stops exactly as with the real model. The output matrix is tied to the token embedding (llama.cpp reuses
/// <c>token_embd</c> when <c>output</c> is absent): a 151k vocabulary at 64 wide is then about 20 MB.
/// </summary>
public static class RealTokenizerModelGenerator
{
    // GPT-2's initialisation scale; the residual projections shrink by 1/sqrt(2 x blocks). The weights carry no
    // structure: generation samples close to uniformly, which is all tokenizer tests need.
    private const double InitScale = 0.02;

    /// <summary>Reads the tokenizer files in <paramref name="tokenizerFolder"/> and writes the model to <paramref name="path"/>.</summary>
    /// <returns>The tokenizer metadata written.</returns>
    public static GgufTokenizerMetadata Generate(string tokenizerFolder, string path, RealTokenizerModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenizerFolder);
        return Generate(HuggingFaceTokenizer.Load(tokenizerFolder), path, options);
    }

    /// <summary>Writes a model with <paramref name="tokenizer"/>'s vocabulary; the same inputs give a byte-identical file.</summary>
    /// <returns>The tokenizer metadata written.</returns>
    public static GgufTokenizerMetadata Generate(HuggingFaceTokenizer tokenizer, string path, RealTokenizerModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new RealTokenizerModelOptions();
        Validate(options);
        var vocabulary = GgufTokenizerConverter.Convert(tokenizer, options.Tokenizer);

        var writer = new GgufWriter();
        WriteArchitecture(writer, options, vocabulary.Count);
        vocabulary.WriteTo(writer);
        AddTensors(writer, options, vocabulary.Count, new GaussianRandom(options.Seed));
        writer.WriteToFile(path);
        return vocabulary;
    }

    private static void Validate(RealTokenizerModelOptions options)
    {
        var o = options;
        if (o.EmbeddingLength <= 0 || o.HeadCount <= 0 || o.KvHeadCount <= 0 || o.BlockCount <= 0 || o.FeedForwardLength <= 0
            || o.ContextLength <= 0 || o.EmbeddingLength % o.HeadCount != 0 || o.HeadCount % o.KvHeadCount != 0
            || (o.EmbeddingLength / o.HeadCount) % 2 != 0)
        {
            throw new ArgumentException("Inconsistent model dimensions.", nameof(options));
        }
    }

    private static void WriteArchitecture(GgufWriter writer, RealTokenizerModelOptions o, int vocabularySize) =>
        new LlamaArchitectureKeys(o.Name, o.MatrixType, o.ContextLength, o.EmbeddingLength, o.BlockCount, o.FeedForwardLength,
            o.HeadCount, o.KvHeadCount, vocabularySize).WriteTo(writer);

    private static void AddTensors(GgufWriter writer, RealTokenizerModelOptions o, int vocabularySize, GaussianRandom gauss)
    {
        int n = o.EmbeddingLength;
        int kv = n / o.HeadCount * o.KvHeadCount;
        var matrix = o.MatrixType;
        var residualScale = InitScale / Math.Sqrt(2.0 * o.BlockCount);

        // Rows are drawn in file order from one generator, so the file depends only on the seed.
        TensorRowFiller Gaussian(double std) => (_, row) =>
        {
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (float)(gauss.Next() * std);
            }
        };

        static void Ones(long row, Span<float> values) => values.Fill(1f);

        writer.AddTensor("token_embd.weight", matrix, [n, vocabularySize], Gaussian(InitScale));
        writer.AddTensor("output_norm.weight", GgmlTensorType.F32, [n], Ones);
        for (var layer = 0; layer < o.BlockCount; layer++)
        {
            var p = $"blk.{layer}.";
            writer.AddTensor(p + "attn_norm.weight", GgmlTensorType.F32, [n], Ones);
            writer.AddTensor(p + "attn_q.weight", matrix, [n, n], Gaussian(InitScale));
            writer.AddTensor(p + "attn_k.weight", matrix, [n, kv], Gaussian(InitScale));
            writer.AddTensor(p + "attn_v.weight", matrix, [n, kv], Gaussian(InitScale));
            writer.AddTensor(p + "attn_output.weight", matrix, [n, n], Gaussian(residualScale));
            writer.AddTensor(p + "ffn_norm.weight", GgmlTensorType.F32, [n], Ones);
            writer.AddTensor(p + "ffn_gate.weight", matrix, [n, o.FeedForwardLength], Gaussian(InitScale));
            writer.AddTensor(p + "ffn_up.weight", matrix, [n, o.FeedForwardLength], Gaussian(InitScale));
            writer.AddTensor(p + "ffn_down.weight", matrix, [o.FeedForwardLength, n], Gaussian(residualScale));
        }
    }
}
