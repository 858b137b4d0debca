using System.Runtime.InteropServices;
using System.Text;

namespace ReasoningServer.Native;

/// <summary>Owns a <c>llama_model *</c>; released with <c>llama_model_free</c>. Contexts created from it keep it alive.</summary>
public sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    private SafeLlamaModelHandle(nint handle)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>
    /// Loads a GGUF model (initializing the native library with defaults if that has not happened yet).
    /// </summary>
    /// <exception cref="LlamaException">The file does not exist or llama.cpp could not load it (see the log sink for details).</exception>
    public static SafeLlamaModelHandle LoadFromFile(string path, LlamaModelParams modelParams)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new LlamaException($"Model file '{path}' does not exist.");
        }

        LlamaNativeLibrary.EnsureInitialized();
        nint model = NativeMethods.llama_model_load_from_file(path, modelParams);
        if (model == nint.Zero)
        {
            throw new LlamaException(
                $"llama_model_load_from_file failed for '{path}' (not a valid GGUF file, unsupported architecture, or out of memory; see the llama.cpp log for details).");
        }

        return new SafeLlamaModelHandle(model);
    }

    /// <summary>The model's <c>llama_vocab *</c> (valid while the model is alive).</summary>
    public nint Vocab => NativeMethods.llama_model_get_vocab(LiveHandle());

    public int ContextLengthTrain => NativeMethods.llama_model_n_ctx_train(LiveHandle());

    public int EmbeddingLength => NativeMethods.llama_model_n_embd(LiveHandle());

    public int LayerCount => NativeMethods.llama_model_n_layer(LiveHandle());

    public ulong ParameterCount => NativeMethods.llama_model_n_params(LiveHandle());

    public ulong SizeInBytes => NativeMethods.llama_model_size(LiveHandle());

    /// <summary><c>llama_model_desc</c>, e.g. "qwen2 1.5B Q4_K - Medium".</summary>
    public unsafe string Description
    {
        get
        {
            nint model = LiveHandle();
            int size = 128;
            while (true)
            {
                byte[] buffer = new byte[size];
                fixed (byte* p = buffer)
                {
                    int n = NativeMethods.llama_model_desc(model, p, (nuint)buffer.Length);
                    if (n < 0)
                    {
                        return string.Empty;
                    }

                    if (n < buffer.Length)
                    {
                        return Encoding.UTF8.GetString(p, n);
                    }

                    size = n + 1;
                }
            }
        }
    }

    /// <summary>A GGUF metadata value as a string, or null when the key does not exist.</summary>
    public unsafe string? GetMetadata(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        nint model = LiveHandle();
        int size = 256;
        while (true)
        {
            byte[] buffer = new byte[size];
            fixed (byte* p = buffer)
            {
                int n = NativeMethods.llama_model_meta_val_str(model, key, p, (nuint)buffer.Length);
                if (n < 0)
                {
                    return null;
                }

                if (n < buffer.Length)
                {
                    return Encoding.UTF8.GetString(p, n);
                }

                size = n + 1;
            }
        }
    }

    /// <summary>The chat template stored in the model (<paramref name="name"/> null = default), or null.</summary>
    public unsafe string? GetChatTemplate(string? name = null)
    {
        byte* p = NativeMethods.llama_model_chat_template(LiveHandle(), name);
        return p == null ? null : Marshal.PtrToStringUTF8((nint)p);
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_model_free(handle);
        return true;
    }

    private nint LiveHandle()
    {
        ObjectDisposedException.ThrowIf(IsClosed || IsInvalid, this);
        return handle;
    }
}
