namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// The project's trained tiny reasoner (multi-digit addition with a written chain of thought), shipped in the
/// repository's <c>models/</c> folder and copied next to the server's binary: the model served when none is configured.
/// </summary>
public static class TinyReasonerModel
{
    public const string FileName = "tiny-reasoner-add.gguf";

    /// <summary>The id clients send as <c>model</c>.</summary>
    public const string Id = "tiny-reasoner";

    /// <summary>Folder, relative to the binary (and to the repository root), that holds the file.</summary>
    public const string Folder = "models";

    /// <summary>
    /// Context length written into the shipped file. It was trained on windows of 256 tokens (an 8 + 8 digit sum
    /// takes 143); a larger declared length only sizes the server's KV cache, which all parallel sequences share.
    /// </summary>
    public const int DeclaredContextLength = 4096;

    /// <summary>The trained architecture: 128 wide, 4 blocks of 4 heads, SwiGLU 512; about 1.1M parameters.</summary>
    public static TinyModelSpec Spec { get; } = new()
    {
        Name = "tiny-reasoner-add",
        EmbeddingLength = 128,
        BlockCount = 4,
        HeadCount = 4,
        KvHeadCount = 4,
        FeedForwardLength = 512,
        MatrixType = Gguf.GgmlTensorType.F32,
        ContextLength = 256,

        // The usual base: positions within a 256-token window stay well resolved.
        RopeFreqBase = 10_000f,
        RmsNormEpsilon = 1e-5f,
        InitScale = 0.02f,

        // Unused by a trained model; required by the spec.
        ThinkEndLogitOffset = 0,
        AnswerEndLogitOffset = 0,
    };

    /// <summary>The shipped file under <paramref name="baseDirectory"/> (the server's binary folder), or null.</summary>
    public static string? Find(string baseDirectory)
    {
        var path = Path.Combine(baseDirectory, Folder, FileName);
        return File.Exists(path) ? path : null;
    }
}
