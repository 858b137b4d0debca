using ReasoningServer.Engine.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Loading;

/// <summary>
/// A model's weights and vocabulary, loaded once and shared read-only: the engine thread creates its
/// context from it, request threads tokenize and detokenize through <see cref="Tokenizer"/>.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(SafeLlamaModelHandle handle)
    {
        Handle = handle;
        Tokenizer = new Tokenizer(handle.Vocab);
        // Read once: the handle asks llama.cpp each time.
        TrainedContextLength = handle.ContextLengthTrain;
        ParameterCount = (long)handle.ParameterCount;
        SizeInBytes = (long)handle.SizeInBytes;
        // Per token, the weights cost ~2 flops per parameter; attention ~4 flops per embedding value per layer per
        // context position (q·k and the weighted sum of v).
        AttentionBreakEvenPositions = Math.Max(1.0, ParameterCount / (2.0 * Math.Max(1, handle.EmbeddingLength) * Math.Max(1, handle.LayerCount)));
        ChatTemplateSource = handle.GetChatTemplate();
    }

    public SafeLlamaModelHandle Handle { get; }

    public Tokenizer Tokenizer { get; }

    public int TrainedContextLength { get; }

    public long ParameterCount { get; }

    public long SizeInBytes { get; }

    /// <summary>
    /// The context length at which a token's attention costs about as much as its pass through the weights
    /// (~500 positions for the `test` tiny model, ~3,000 for `bench`, ~27,000 for a 7B model).
    /// </summary>
    public double AttentionBreakEvenPositions { get; }

    /// <summary>A row's share of a decode step's cost, for timing steps of different sizes and contexts alike: 1 plus its attention over <paramref name="position"/> earlier tokens.</summary>
    public double RowWork(int position) => 1 + (position / AttentionBreakEvenPositions);

    /// <summary>The template text stored in the file (<c>tokenizer.chat_template</c>), if any.</summary>
    public string? ChatTemplateSource { get; }

    /// <summary>Loads a GGUF file. The native library must have been initialised.</summary>
    /// <exception cref="LlamaException">The file is missing or llama.cpp cannot load it.</exception>
    public static LoadedModel Load(ModelLoadOptions options)
    {
        var parameters = NativeMethods.llama_model_default_params();
        parameters.n_gpu_layers = options.GpuLayers;
        using var progress = options.Progress is null ? null : new LoadProgressCallback(options.Progress);
        progress?.Attach(ref parameters);
        var handle = SafeLlamaModelHandle.LoadFromFile(options.Path, parameters);
        return new LoadedModel(handle);
    }

    public void Dispose() => Handle.Dispose();
}
