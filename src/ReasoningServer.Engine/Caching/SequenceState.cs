using ReasoningServer.Native;

namespace ReasoningServer.Engine.Caching;

/// <summary>
/// Copies one sequence's KV out of the context and back (llama_state_seq_get_data / set_data). Engine thread
/// only. Works with the unified KV cache: the state holds the cells of that sequence, and a restore finds
/// free cells for them anywhere in the shared cache.
/// </summary>
public static unsafe class SequenceState
{
    /// <summary>The sequence's state, or null when it is larger than <paramref name="maxBytes"/> (nothing is copied then).</summary>
    public static byte[]? Save(nint context, LlamaSeqId sequence, long maxBytes)
    {
        var size = NativeMethods.llama_state_seq_get_size(context, sequence);
        if (size == 0 || size > (nuint)Math.Min(maxBytes, Array.MaxLength))
        {
            return null;
        }

        var state = GC.AllocateUninitializedArray<byte>((int)size);
        nuint written;
        fixed (byte* destination = state)
        {
            written = NativeMethods.llama_state_seq_get_data(context, destination, size, sequence);
        }

        return written == size ? state : written == 0 ? null : state[..(int)written];
    }

    /// <summary>Replaces the sequence's KV with <paramref name="state"/>; false if llama.cpp found no room for it.</summary>
    public static bool Restore(nint context, LlamaSeqId sequence, byte[] state)
    {
        fixed (byte* source = state)
        {
            return NativeMethods.llama_state_seq_set_data(context, source, (nuint)state.Length, sequence) != 0;
        }
    }
}
