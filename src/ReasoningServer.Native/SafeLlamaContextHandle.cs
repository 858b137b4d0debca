using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Owns a <c>llama_context *</c>; released with <c>llama_free</c>. Holds a reference on its model
/// (<see cref="SafeHandle.DangerousAddRef"/>) that is released after <c>llama_free</c>, so a model is
/// never freed while one of its contexts is alive, whatever the dispose/finalize order.
/// </summary>
public sealed class SafeLlamaContextHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;

    public SafeLlamaContextHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>The model this context was created from.</summary>
    public SafeLlamaModelHandle Model => _model ?? throw new InvalidOperationException("The context handle has no model.");

    /// <exception cref="LlamaException">llama.cpp could not create the context (e.g. out of memory, invalid parameters).</exception>
    public static SafeLlamaContextHandle Create(SafeLlamaModelHandle model, LlamaContextParams contextParams)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new SafeLlamaContextHandle();
        bool added = false;
        try
        {
            model.DangerousAddRef(ref added);
            nint ctx = NativeMethods.llama_init_from_model(model.DangerousGetHandle(), contextParams);
            if (ctx == nint.Zero)
            {
                throw new LlamaException(
                    $"llama_init_from_model failed (n_ctx={contextParams.n_ctx}, n_batch={contextParams.n_batch}, n_seq_max={contextParams.n_seq_max}); see the llama.cpp log for details.");
            }

            result._model = model;
            result.SetHandle(ctx);
            return result;
        }
        catch
        {
            if (added && result._model is null)
            {
                model.DangerousRelease();
            }

            throw;
        }
    }

    /// <summary>The context's <c>llama_memory_t</c> (KV cache); valid while the context is alive.</summary>
    public nint Memory => NativeMethods.llama_get_memory(LiveHandle());

    public uint ContextSize => NativeMethods.llama_n_ctx(LiveHandle());

    public uint BatchSize => NativeMethods.llama_n_batch(LiveHandle());

    public uint MaxSequences => NativeMethods.llama_n_seq_max(LiveHandle());

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_free(handle);
        _model?.DangerousRelease();
        return true;
    }

    private nint LiveHandle()
    {
        ObjectDisposedException.ThrowIf(IsClosed || IsInvalid, this);
        return handle;
    }
}
