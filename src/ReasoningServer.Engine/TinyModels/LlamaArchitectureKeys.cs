using ReasoningServer.Engine.Gguf;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>The GGUF keys of a llama-architecture model that llama.cpp needs to build its graph: one place for every generator.</summary>
/// <param name="RmsNormEpsilon">RMS norm epsilon of every layer.</param>
/// <param name="RopeFreqBase">RoPE frequency base (Qwen-style 1e6 by default).</param>
internal sealed record LlamaArchitectureKeys(
    string Name,
    GgmlTensorType MatrixType,
    int ContextLength,
    int EmbeddingLength,
    int BlockCount,
    int FeedForwardLength,
    int HeadCount,
    int KvHeadCount,
    int VocabularySize,
    float RmsNormEpsilon = 1e-6f,
    float RopeFreqBase = 1_000_000f)
{
    public void WriteTo(GgufWriter writer)
    {
        writer.AddString("general.architecture", "llama");
        writer.AddString("general.name", Name);

        // llama_ftype: 0 = all F32, 1 = mostly F16.
        writer.AddUInt32("general.file_type", MatrixType == GgmlTensorType.F16 ? 1u : 0u);
        writer.AddUInt32("llama.context_length", (uint)ContextLength);
        writer.AddUInt32("llama.embedding_length", (uint)EmbeddingLength);
        writer.AddUInt32("llama.block_count", (uint)BlockCount);
        writer.AddUInt32("llama.feed_forward_length", (uint)FeedForwardLength);
        writer.AddUInt32("llama.attention.head_count", (uint)HeadCount);
        writer.AddUInt32("llama.attention.head_count_kv", (uint)KvHeadCount);
        writer.AddFloat32("llama.attention.layer_norm_rms_epsilon", RmsNormEpsilon);
        writer.AddFloat32("llama.rope.freq_base", RopeFreqBase);
        writer.AddUInt32("llama.rope.dimension_count", (uint)(EmbeddingLength / HeadCount));
        writer.AddUInt32("llama.vocab_size", (uint)VocabularySize);
    }
}
