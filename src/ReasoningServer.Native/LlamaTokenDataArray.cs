using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>Mirror of C <c>struct llama_token_data_array</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaTokenDataArray
{
    /// <summary>May be replaced by samplers.</summary>
    public LlamaTokenData* data;

    public nuint size;

    /// <summary>Index into <see cref="data"/> (not a token id).</summary>
    public long selected;

    public byte sorted;

    public bool Sorted { readonly get => sorted != 0; set => sorted = value ? (byte)1 : (byte)0; }
}
