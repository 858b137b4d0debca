using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Owns a <c>ggml_opt_dataset_t</c>: <c>ndata</c> datapoints of I32 tokens and their I32 labels, stored in
/// two host tensors of shape [ne, ndata]; released with <c>ggml_opt_dataset_free</c>.
/// </summary>
public sealed unsafe class SafeGgmlOptDatasetHandle : SafeHandle
{
    public SafeGgmlOptDatasetHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    private SafeGgmlOptDatasetHandle(nint handle, long datapointLength, long count)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        DatapointLength = datapointLength;
        Count = count;
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Tokens per datapoint (and labels per datapoint).</summary>
    public long DatapointLength { get; }

    /// <summary>Number of datapoints.</summary>
    public long Count { get; }

    /// <summary>A dataset of token sequences for <c>llama_opt_epoch</c>: data and labels are <c>llama_token</c> (I32).</summary>
    /// <exception cref="LlamaException">ggml could not allocate the dataset.</exception>
    public static SafeGgmlOptDatasetHandle CreateTokenDataset(long datapointLength, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(datapointLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        LlamaNativeLibrary.EnsureInitialized();

        // Shard size 1: llama_opt_epoch reads one datapoint (one context window) at a time.
        nint dataset = NativeMethods.ggml_opt_dataset_init(GgmlType.I32, GgmlType.I32, datapointLength, datapointLength, count, 1);
        if (dataset == nint.Zero)
        {
            throw new LlamaException($"ggml_opt_dataset_init failed ({count} datapoints of {datapointLength} tokens).");
        }

        return new SafeGgmlOptDatasetHandle(dataset, datapointLength, count);
    }

    /// <summary>The data tensor's memory: datapoint <c>i</c> occupies <c>[i * DatapointLength, (i + 1) * DatapointLength)</c>.</summary>
    public Span<LlamaToken> Tokens => TensorSpan(NativeMethods.ggml_opt_dataset_data(LiveHandle()));

    /// <summary>The labels tensor's memory, laid out like <see cref="Tokens"/>: the token expected after each position.</summary>
    public Span<LlamaToken> Labels => TensorSpan(NativeMethods.ggml_opt_dataset_labels(LiveHandle()));

    protected override bool ReleaseHandle()
    {
        NativeMethods.ggml_opt_dataset_free(handle);
        return true;
    }

    private Span<LlamaToken> TensorSpan(nint tensor) =>
        new(NativeMethods.ggml_get_data(tensor), checked((int)(DatapointLength * Count)));

    private nint LiveHandle()
    {
        ObjectDisposedException.ThrowIf(IsClosed || IsInvalid, this);
        return handle;
    }
}
