using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Mirror of C <c>struct llama_batch</c>. Allocate with <see cref="NativeMethods.llama_batch_init"/> and free with
/// <see cref="NativeMethods.llama_batch_free"/>; every array has room for the <c>n_tokens</c> passed to init.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaBatch
{
    public int n_tokens;

    /// <summary>Token ids (used when <see cref="embd"/> is NULL).</summary>
    public LlamaToken* token;

    /// <summary>Token embeddings (<c>n_embd</c> floats per token), used when <see cref="token"/> is NULL.</summary>
    public float* embd;

    public LlamaPos* pos;

    public int* n_seq_id;

    /// <summary>Per token, a pointer to <c>n_seq_id[i]</c> sequence ids.</summary>
    public LlamaSeqId** seq_id;

    /// <summary>Non-zero = output logits/embeddings for this token (C name <c>logits</c>, an <c>int8_t *</c>).</summary>
    public sbyte* logits;

    /// <summary>
    /// Appends one token of one sequence (the row layout every caller here uses) and returns its row index.
    /// The caller keeps <see cref="n_tokens"/> below the capacity the batch was initialised with.
    /// </summary>
    public int Add(LlamaToken tokenId, LlamaPos position, LlamaSeqId sequence, bool output)
    {
        var row = n_tokens++;
        token[row] = tokenId;
        pos[row] = position;
        n_seq_id[row] = 1;
        seq_id[row][0] = sequence;
        logits[row] = output ? (sbyte)1 : (sbyte)0;
        return row;
    }
}
