using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Writes a plain llama-architecture model for training: no designed structure, Gaussian weights
/// (GPT-2's scheme: <see cref="TinyModelSpec.InitScale"/> for input projections and the output,
/// shrunk by 1/sqrt(2 x blocks) for the projections that add to the residual stream; keys and values at
/// unit gain, see below), unit norms.
/// The same tensor layout also serves to write the trained weights back out (<see cref="AddTensors"/>).
/// </summary>
public static class TrainableModelGenerator
{
    /// <summary>Writes the untrained model; the same seed gives a byte-identical file.</summary>
    public static void Generate(string path, TinyModelSpec spec, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(spec);
        TinyModelGenerator.Validate(spec);
        var gauss = new GaussianRandom(seed);
        var residualScale = spec.InitScale / Math.Sqrt(2.0 * spec.BlockCount);
        var writer = new GgufWriter();
        TinyModelGenerator.WriteMetadata(writer, spec);
        AddTensors(writer, spec, name => name switch
        {
            // llama.cpp does not train token_embd, so the embedding stays as drawn: unit variance, which the first
            // RMS norm would produce anyway, keeps the 261 token vectors far apart.
            "token_embd.weight" => Gaussian(gauss, 1.0),
            _ when name.EndsWith("norm.weight", StringComparison.Ordinal) => static (_, row) => row.Fill(1f),
            _ when name.EndsWith("attn_output.weight", StringComparison.Ordinal) || name.EndsWith("ffn_down.weight", StringComparison.Ordinal)
                => Gaussian(gauss, residualScale),

            // Keys and values at unit gain, the scale of the normalised input. Stock llama.cpp never trains attn_k and
            // attn_v (its backward pass stops at the KV cache: GGML_OP_SET_ROWS has no gradient); our build does
            // (native/llama.cpp/training-fresh-kv.patch), and the shipped model was trained from this draw.
            _ when name.EndsWith("attn_k.weight", StringComparison.Ordinal) || name.EndsWith("attn_v.weight", StringComparison.Ordinal)
                => Gaussian(gauss, 1.0 / Math.Sqrt(spec.EmbeddingLength)),
            _ => Gaussian(gauss, spec.InitScale),
        });
        writer.WriteToFile(path);
    }

    /// <summary>
    /// Declares every tensor of a llama model shaped by <paramref name="spec"/>, in file order; matrices get
    /// <see cref="TinyModelSpec.MatrixType"/>, norms F32. <paramref name="contents"/> gives each tensor's row filler.
    /// </summary>
    public static void AddTensors(GgufWriter writer, TinyModelSpec spec, Func<string, TensorRowFiller> contents)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(contents);
        int n = spec.EmbeddingLength;
        var matrix = spec.MatrixType;
        void Add(string name, GgmlTensorType type, long[] dims) => writer.AddTensor(name, type, dims, contents(name));

        Add("token_embd.weight", matrix, [n, spec.VocabularySize]);
        Add("output_norm.weight", GgmlTensorType.F32, [n]);
        Add("output.weight", matrix, [n, spec.VocabularySize]);
        for (var layer = 0; layer < spec.BlockCount; layer++)
        {
            var p = $"blk.{layer}.";
            Add(p + "attn_norm.weight", GgmlTensorType.F32, [n]);
            Add(p + "attn_q.weight", matrix, [n, n]);
            Add(p + "attn_k.weight", matrix, [n, spec.KvDimension]);
            Add(p + "attn_v.weight", matrix, [n, spec.KvDimension]);
            Add(p + "attn_output.weight", matrix, [n, n]);
            Add(p + "ffn_norm.weight", GgmlTensorType.F32, [n]);
            Add(p + "ffn_gate.weight", matrix, [n, spec.FeedForwardLength]);
            Add(p + "ffn_up.weight", matrix, [n, spec.FeedForwardLength]);
            Add(p + "ffn_down.weight", matrix, [spec.FeedForwardLength, n]);
        }
    }

    // Rows are drawn in file order from one generator, so the file depends only on the seed.
    private static TensorRowFiller Gaussian(GaussianRandom gauss, double std) => (_, row) =>
    {
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (float)(gauss.Next() * std);
        }
    };
}
