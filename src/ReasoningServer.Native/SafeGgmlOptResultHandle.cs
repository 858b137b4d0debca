using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Owns a <c>ggml_opt_result_t</c>, the running loss and token accuracy of an epoch's training or evaluation
/// part; released with <c>ggml_opt_result_free</c>.
/// </summary>
public sealed unsafe class SafeGgmlOptResultHandle : SafeHandle
{
    public SafeGgmlOptResultHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    private SafeGgmlOptResultHandle(nint handle)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <exception cref="LlamaException">ggml could not allocate the result.</exception>
    public static SafeGgmlOptResultHandle Create()
    {
        LlamaNativeLibrary.EnsureInitialized();
        nint result = NativeMethods.ggml_opt_result_init();
        return result == nint.Zero ? throw new LlamaException("ggml_opt_result_init failed.") : new SafeGgmlOptResultHandle(result);
    }

    /// <summary>Mean cross-entropy per token so far.</summary>
    public double Loss => ReadLoss(LiveHandle());

    /// <summary>Share of positions whose most likely token was the label, so far.</summary>
    public double Accuracy => ReadAccuracy(LiveHandle());

    public void Reset() => NativeMethods.ggml_opt_result_reset(LiveHandle());

    /// <summary>The loss of a result that ggml hands to an epoch callback (not owned here).</summary>
    public static double ReadLoss(nint result)
    {
        double loss;
        NativeMethods.ggml_opt_result_loss(result, &loss, null);
        return loss;
    }

    /// <summary>The token accuracy of a result that ggml hands to an epoch callback (not owned here).</summary>
    public static double ReadAccuracy(nint result)
    {
        double accuracy;
        NativeMethods.ggml_opt_result_accuracy(result, &accuracy, null);
        return accuracy;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.ggml_opt_result_free(handle);
        return true;
    }

    private nint LiveHandle()
    {
        ObjectDisposedException.ThrowIf(IsClosed || IsInvalid, this);
        return handle;
    }
}
