using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Generates small llama-architecture GGUF models with seeded random weights and a hand-built
/// "reasoning" structure, so tests get a real model whose output shape is predictable:
/// it writes printable ASCII, closes <c>&lt;/think&gt;</c> after a few dozen tokens, then answers
/// and ends with <c>&lt;|im_end|&gt;</c>.
/// </summary>
/// <remarks>
/// How the structure is built into random weights:
/// residual channel 0 is a constant "bias" channel (every embedding has C there and no layer
/// writes to it), so after the final RMS norm its value is nearly the same at every position and
/// the output matrix's column 0 acts as a per-token logit offset. Channel 1 is set only in the
/// <c>&lt;/think&gt;</c> embedding. Channels 2 and 3 are "thinking open" / "thinking closed"
/// flags: every embedding has D in channel 2; in block 0, attention head 0 attends (through the
/// slowest rotating RoPE pair, so position barely matters) to any <c>&lt;/think&gt;</c> in the
/// context and moves D from channel 2 to channel 3. The output matrix reads channel 2 to forbid
/// <c>&lt;|im_end|&gt;</c> while thinking and channel 3 to forbid a second <c>&lt;/think&gt;</c>.
/// Moving D between channels keeps the residual's norm, so the bias channel stays calibrated.
/// All other channels are ordinary random weights.
/// </remarks>
public static class TinyModelGenerator
{
    /// <summary>ChatML whose generation prompt opens the thinking section, like Qwen3 / DeepSeek-R1 distills.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n<think>\\n' }}{% endif %}";

    private const int BiasChannel = 0;
    private const int MarkerChannel = 1;
    private const int OpenChannel = 2;
    private const int ClosedChannel = 3;
    private const int FirstFreeChannel = 4;

    // Attention logit of the designed head on a </think> key; e^-20 leaves no measurable leak to other positions.
    private const double DesignedScore = 20.0;

    // Logits by which the flag channels forbid <|im_end|> while thinking and </think> after it.
    private const double FlagSuppression = 40.0;

    // Share of the residual growth (relative to the embedding's free energy) that each block kind adds in total.
    private const double AttentionGain = 0.5;
    private const double FeedForwardGain = 0.5;

    // Measured: energy of the free channels at the output relative to the embedding (used to calibrate offsets).
    private const double FreeEnergyGrowth = 1.3;

    /// <summary>Writes the model of <paramref name="preset"/> to <paramref name="path"/>.</summary>
    public static void Generate(string path, TinyModelPreset preset, int seed = 42) =>
        Generate(path, TinyModelSpec.FromPreset(preset), seed);

    /// <summary>Writes a model with the dimensions of <paramref name="spec"/>; the same seed gives a byte-identical file.</summary>
    public static void Generate(string path, TinyModelSpec spec, int seed = 42)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);

        var writer = new GgufWriter();
        WriteMetadata(writer, spec);
        AddTensors(writer, spec, new GaussianRandom(seed));
        writer.WriteToFile(path);
    }

    internal static void Validate(TinyModelSpec spec)
    {
        if (spec.EmbeddingLength < 16 || spec.HeadCount <= 0 || spec.KvHeadCount <= 0 || spec.BlockCount <= 0
            || spec.FeedForwardLength <= 0 || spec.EmbeddingLength % spec.HeadCount != 0
            || spec.HeadCount % spec.KvHeadCount != 0 || spec.HeadDimension % 2 != 0)
        {
            throw new ArgumentException("Inconsistent model dimensions.", nameof(spec));
        }
    }

    /// <summary>The llama architecture keys, the byte-level vocabulary and the chat template of <paramref name="spec"/>.</summary>
    internal static void WriteMetadata(GgufWriter writer, TinyModelSpec spec)
    {
        new LlamaArchitectureKeys(spec.Name, spec.MatrixType, spec.ContextLength, spec.EmbeddingLength, spec.BlockCount, spec.FeedForwardLength,
            spec.HeadCount, spec.KvHeadCount, spec.VocabularySize, spec.RmsNormEpsilon, spec.RopeFreqBase).WriteTo(writer);
        ByteLevelBpeVocabulary.WriteTo(writer);
        writer.AddString("tokenizer.chat_template", ChatTemplate);
    }

    private static void AddTensors(GgufWriter writer, TinyModelSpec spec, GaussianRandom gauss)
    {
        int n = spec.EmbeddingLength;
        int hd = spec.HeadDimension;
        int nFree = n - FirstFreeChannel;
        int vocab = spec.VocabularySize;
        GgmlTensorType matrix = spec.MatrixType;

        // Embedding scale: free channels have unit variance; the bias channel holds 4x their energy so it dominates the norm.
        double s = Math.Sqrt(nFree);
        double c = 2 * s;
        double d = s / 2;
        double marker = c;
        double eps = spec.RmsNormEpsilon;

        // Block-0 inputs are exactly the embeddings (whose free part has norm s), so these are exact there.
        double rmsNormal = Math.Sqrt((((c * c) + (d * d) + (s * s)) / n) + eps);
        double rmsMarker = Math.Sqrt((((c * c) + (marker * marker) + (d * d) + (s * s)) / n) + eps);
        double biasIn = c / rmsNormal;
        double markerIn = marker / rmsMarker;
        double freeIn = s / rmsNormal;
        double qk = Math.Sqrt(DesignedScore * Math.Sqrt(hd) / (biasIn * markerIn));

        // Output side: free energy has grown by the layers; estimate the normalized bias and flag values.
        double freeOut = s * Math.Sqrt(FreeEnergyGrowth);
        double rmsOut = Math.Sqrt((((c * c) + (d * d) + (freeOut * freeOut)) / n) + eps);
        double biasOut = c / rmsOut;
        double flagOut = d / rmsOut;
        double freeNormOut = freeOut / rmsOut;

        // Random projections give unit-variance outputs from the normalized free input.
        double inStd = 1.0 / freeIn;
        double attnOutStd = Math.Sqrt(AttentionGain / spec.BlockCount) / Math.Sqrt(n);
        double ffnDownStd = Math.Sqrt(FeedForwardGain / spec.BlockCount) / Math.Sqrt(spec.FeedForwardLength);
        double logitStd = spec.NormalLogitSpread / freeNormOut;

        void RandomFree(Span<float> row, double std)
        {
            for (int i = FirstFreeChannel; i < row.Length; i++)
            {
                row[i] = (float)(gauss.Next() * std);
            }
        }

        void RandomAll(Span<float> row, double std)
        {
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = (float)(gauss.Next() * std);
            }
        }

        static void Ones(long row, Span<float> values) => values.Fill(1f);

        writer.AddTensor("token_embd.weight", matrix, [n, vocab], (token, row) =>
        {
            RandomFree(row, 1.0);
            double norm = Math.Sqrt(SumOfSquares(row));
            for (int i = FirstFreeChannel; i < n; i++)
            {
                row[i] = (float)(row[i] * s / norm);
            }

            row[BiasChannel] = (float)c;
            row[OpenChannel] = (float)d;
            if (token == ByteLevelBpeVocabulary.ThinkEndId)
            {
                row[MarkerChannel] = (float)marker;
            }
        });

        writer.AddTensor("output_norm.weight", GgmlTensorType.F32, [n], Ones);

        writer.AddTensor("output.weight", matrix, [n, vocab], (token, row) =>
        {
            RandomFree(row, logitStd);
            var (offset, whenOpen, whenClosed) = LogitShape((int)token, spec);
            if (offset != 0 || whenOpen != 0 || whenClosed != 0)
            {
                // No random part: the offsets alone decide how often these tokens appear.
                row[FirstFreeChannel..].Clear();
            }

            row[BiasChannel] = (float)(offset / biasOut);
            row[OpenChannel] = (float)(whenOpen / flagOut);
            row[ClosedChannel] = (float)(whenClosed / flagOut);
        });

        for (int layer = 0; layer < spec.BlockCount; layer++)
        {
            bool designed = layer == 0;
            string p = $"blk.{layer}.";
            writer.AddTensor(p + "attn_norm.weight", GgmlTensorType.F32, [n], Ones);

            writer.AddTensor(p + "attn_q.weight", matrix, [n, n], (r, row) =>
            {
                if (designed && r < hd)
                {
                    // Head 0 asks only "is there a </think>?": a constant query on the slowest RoPE pair.
                    if (r == hd - 2)
                    {
                        row[BiasChannel] = (float)qk;
                    }

                    return;
                }

                RandomFree(row, inStd);
            });

            writer.AddTensor(p + "attn_k.weight", matrix, [n, spec.KvDimension], (r, row) =>
            {
                if (designed && r >= hd - 2 && r < hd)
                {
                    if (r == hd - 2)
                    {
                        row[MarkerChannel] = (float)qk;
                    }

                    return;
                }

                RandomFree(row, inStd);
            });

            writer.AddTensor(p + "attn_v.weight", matrix, [n, spec.KvDimension], (r, row) =>
            {
                if (designed && r == hd - 2)
                {
                    row[MarkerChannel] = 1f;
                    return;
                }

                RandomFree(row, inStd);
            });

            writer.AddTensor(p + "attn_output.weight", matrix, [n, n], (r, row) =>
            {
                if (r < FirstFreeChannel)
                {
                    // Reserved channels are written only by the designed head: D moves from "open" to "closed".
                    if (designed && r is OpenChannel or ClosedChannel)
                    {
                        row[hd - 2] = (float)((r == OpenChannel ? -d : d) / markerIn);
                    }

                    return;
                }

                RandomAll(row, attnOutStd);
                if (designed)
                {
                    row[..hd].Clear();
                }
            });

            writer.AddTensor(p + "ffn_norm.weight", GgmlTensorType.F32, [n], Ones);
            writer.AddTensor(p + "ffn_gate.weight", matrix, [n, spec.FeedForwardLength], (_, row) => RandomFree(row, inStd));
            writer.AddTensor(p + "ffn_up.weight", matrix, [n, spec.FeedForwardLength], (_, row) => RandomFree(row, inStd));
            writer.AddTensor(p + "ffn_down.weight", matrix, [spec.FeedForwardLength, n], (r, row) =>
            {
                if (r >= FirstFreeChannel)
                {
                    RandomAll(row, ffnDownStd);
                }
            });
        }
    }

    /// <summary>Logit offset of a token, and extra logits while thinking is open / after it closed.</summary>
    private static (double Offset, double WhenOpen, double WhenClosed) LogitShape(int token, TinyModelSpec spec) => token switch
    {
        ByteLevelBpeVocabulary.ThinkEndId => (spec.ThinkEndLogitOffset, 0, -FlagSuppression),
        ByteLevelBpeVocabulary.ImEndId => (spec.AnswerEndLogitOffset, -FlagSuppression, 0),
        < ByteLevelBpeVocabulary.ByteTokenCount when IsOrdinaryByte((byte)token) => (0, 0, 0),
        _ => (spec.SuppressedLogitOffset, 0, 0),
    };

    // Printable ASCII plus newline: keeps sampled text valid UTF-8 and free of control characters.
    private static bool IsOrdinaryByte(byte b) => b is (>= 0x20 and <= 0x7E) or (byte)'\n';

    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += (double)v * v;
        }

        return sum;
    }
}
