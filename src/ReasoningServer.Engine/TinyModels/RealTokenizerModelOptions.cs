using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>Shape of a random-weight model made by <see cref="RealTokenizerModelGenerator"/>, and how its tokenizer is converted.</summary>
public sealed record RealTokenizerModelOptions
{
    /// <summary><c>general.name</c>.</summary>
    public string Name { get; init; } = "tiny-real-tokenizer";

    public int ContextLength { get; init; } = 131072;

    public int EmbeddingLength { get; init; } = 64;

    public int BlockCount { get; init; } = 2;

    public int HeadCount { get; init; } = 4;

    public int KvHeadCount { get; init; } = 2;

    public int FeedForwardLength { get; init; } = 192;

    /// <summary>Storage type of the weight matrices (norm weights are always F32).</summary>
    public GgmlTensorType MatrixType { get; init; } = GgmlTensorType.F16;

    /// <summary>The weights depend only on the seed and the shape.</summary>
    public int Seed { get; init; } = 42;

    public TokenizerConversionOptions Tokenizer { get; init; } = new();
}
