using System.Runtime.InteropServices;
using System.Text;
using ReasoningServer.Engine.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Loading;

/// <summary>
/// A model's weights and vocabulary, loaded once and shared read-only: the engine thread creates its
/// context from it, request threads tokenize and detokenize through <see cref="Tokenizer"/>.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(SafeLlamaModelHandle handle, string path)
    {
        Handle = handle;
        Path = path;
        var model = handle.DangerousGetHandle();
        Tokenizer = new Tokenizer(NativeMethods.llama_model_get_vocab(model));
        TrainedContextLength = NativeMethods.llama_model_n_ctx_train(model);
        ParameterCount = (long)NativeMethods.llama_model_n_params(model);
        SizeInBytes = (long)NativeMethods.llama_model_size(model);
        Name = ReadMetadata(model, "general.name");
        ChatTemplateSource = ReadChatTemplate(model);
    }

    public SafeLlamaModelHandle Handle { get; }

    public string Path { get; }

    /// <summary>The model's own name (<c>general.name</c>), if it has one.</summary>
    public string? Name { get; }

    public Tokenizer Tokenizer { get; }

    public int TrainedContextLength { get; }

    public long ParameterCount { get; }

    public long SizeInBytes { get; }

    /// <summary>The template text stored in the file (<c>tokenizer.chat_template</c>), if any.</summary>
    public string? ChatTemplateSource { get; }

    /// <summary>Loads a GGUF file. The native library must have been initialised.</summary>
    public static LoadedModel Load(ModelLoadOptions options)
    {
        if (!File.Exists(options.Path))
        {
            throw new FileNotFoundException($"Model file '{options.Path}' does not exist.", options.Path);
        }

        var parameters = NativeMethods.llama_model_default_params();
        parameters.n_gpu_layers = options.GpuLayers;
        using var progress = options.Progress is null ? null : new LoadProgressCallback(options.Progress);
        progress?.Attach(ref parameters);
        var handle = SafeLlamaModelHandle.LoadFromFile(options.Path, parameters);
        return new LoadedModel(handle, options.Path);
    }

    public void Dispose() => Handle.Dispose();

    private static unsafe string? ReadMetadata(nint model, string key)
    {
        var buffer = stackalloc byte[512];
        var length = NativeMethods.llama_model_meta_val_str(model, key, buffer, 512);
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, Math.Min(length, 511));
    }

    private static unsafe string? ReadChatTemplate(nint model)
    {
        var text = NativeMethods.llama_model_chat_template(model, null);
        return text is null ? null : Marshal.PtrToStringUTF8((nint)text);
    }
}
