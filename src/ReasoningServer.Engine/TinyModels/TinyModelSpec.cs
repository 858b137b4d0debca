using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Dimensions and behaviour knobs of a generated random-weight llama model.
/// Logit offsets are in logits relative to an ordinary printable ASCII byte token.
/// </summary>
public sealed record TinyModelSpec
{
    public required string Name { get; init; }

    public required int EmbeddingLength { get; init; }

    public required int BlockCount { get; init; }

    public required int HeadCount { get; init; }

    public required int KvHeadCount { get; init; }

    public required int FeedForwardLength { get; init; }

    /// <summary>Storage type of the weight matrices (norm weights are always F32).</summary>
    public GgmlTensorType MatrixType { get; init; } = GgmlTensorType.F16;

    public int ContextLength { get; init; } = 131072;

    // A large base keeps the designed attention head (which uses the slowest rotating pair) position independent.
    public float RopeFreqBase { get; init; } = 1_000_000f;

    public float RmsNormEpsilon { get; init; } = 1e-6f;

    /// <summary>Offset of <c>&lt;/think&gt;</c> while the thinking section is open; sets the mean thinking length.</summary>
    public required float ThinkEndLogitOffset { get; init; }

    /// <summary>Offset of <c>&lt;|im_end|&gt;</c> once <c>&lt;/think&gt;</c> has been emitted; sets the mean answer length.</summary>
    public required float AnswerEndLogitOffset { get; init; }

    /// <summary>Offset of tokens that should practically never be sampled: other specials, control and non-ASCII bytes.</summary>
    public float SuppressedLogitOffset { get; init; } = -30f;

    /// <summary>Standard deviation of ordinary tokens' logits; moderate so sampled text varies.</summary>
    public float NormalLogitSpread { get; init; } = 1.5f;

    /// <summary>Standard deviation of a trainable model's initial weight matrices (see <see cref="TrainableModelGenerator"/>).</summary>
    public float InitScale { get; init; } = 0.02f;

    public int HeadDimension => EmbeddingLength / HeadCount;

    public int KvDimension => HeadDimension * KvHeadCount;

    public int VocabularySize => ByteLevelBpeVocabulary.Count;

    /// <summary>Total number of weights in the file.</summary>
    public long ParameterCount
    {
        get
        {
            long n = EmbeddingLength;
            long perBlock = (2 * n) + (n * n) + (2 * n * KvDimension) + (n * n) + (3 * n * FeedForwardLength);
            return (2L * VocabularySize * n) + n + (BlockCount * perBlock);
        }
    }

    /// <summary>The spec behind a preset.</summary>
    public static TinyModelSpec FromPreset(TinyModelPreset preset) => preset switch
    {
        TinyModelPreset.Test => new TinyModelSpec
        {
            Name = "tiny-reasoning-test",
            EmbeddingLength = 64,
            BlockCount = 2,
            HeadCount = 4,
            KvHeadCount = 2,
            FeedForwardLength = 192,

            // Ordinary tokens' log-sum-exp is about 5.6, so 2.2 gives p = e^(2.2 - 5.6): about 30 tokens each on average.
            ThinkEndLogitOffset = 2.2f,
            AnswerEndLogitOffset = 2.2f,
        },
        TinyModelPreset.Bench => new TinyModelSpec
        {
            Name = "tiny-reasoning-bench",
            EmbeddingLength = 512,
            BlockCount = 8,
            HeadCount = 8,
            KvHeadCount = 4,
            FeedForwardLength = 1536,

            // Longer completions (about 60 + 60 tokens) so a benchmark request spends its time decoding.
            ThinkEndLogitOffset = 1.5f,
            AnswerEndLogitOffset = 1.5f,
        },
        // The bench model twice as wide: four times the weights per block, the same depth and behaviour.
        TinyModelPreset.Large => FromPreset(TinyModelPreset.Bench) with
        {
            Name = "tiny-reasoning-large", EmbeddingLength = 1024, FeedForwardLength = 3072,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };
}
