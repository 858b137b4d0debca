using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Owns a <c>llama_sampler *</c>; released with <c>llama_sampler_free</c>. A chain owns the samplers added to it:
/// <see cref="Add"/> transfers ownership, after which the added handle is invalid and frees nothing.
/// </summary>
public sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    private SafeLlamaSamplerHandle(nint handle)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Takes ownership of a sampler returned by a <c>llama_sampler_init_*</c> function.</summary>
    /// <exception cref="LlamaException"><paramref name="sampler"/> is NULL (the init call failed).</exception>
    public static SafeLlamaSamplerHandle FromOwned(nint sampler, string what = "sampler")
    {
        if (sampler == nint.Zero)
        {
            throw new LlamaException($"llama.cpp failed to create the {what}.");
        }

        return new SafeLlamaSamplerHandle(sampler);
    }

    /// <summary>Creates an empty sampler chain (<c>llama_sampler_chain_init</c>).</summary>
    public static SafeLlamaSamplerHandle CreateChain(LlamaSamplerChainParams chainParams)
    {
        LlamaNativeLibrary.EnsureInitialized();
        return FromOwned(NativeMethods.llama_sampler_chain_init(chainParams), "sampler chain");
    }

    /// <summary>Appends <paramref name="sampler"/> to this chain; the chain becomes its owner.</summary>
    public void Add(SafeLlamaSamplerHandle sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (ReferenceEquals(sampler, this))
        {
            throw new ArgumentException("A sampler chain cannot contain itself.", nameof(sampler));
        }

        nint chain = LiveHandle();
        nint child = sampler.LiveHandle();
        sampler.SetHandleAsInvalid();
        NativeMethods.llama_sampler_chain_add(chain, child);
    }

    public void Accept(LlamaToken token) => NativeMethods.llama_sampler_accept(LiveHandle(), token);

    public void Reset() => NativeMethods.llama_sampler_reset(LiveHandle());

    /// <summary><c>llama_sampler_sample</c>: samples from output <paramref name="index"/> of the last decode and accepts the token.</summary>
    public LlamaToken Sample(SafeLlamaContextHandle context, int index)
    {
        ArgumentNullException.ThrowIfNull(context);
        return NativeMethods.llama_sampler_sample(LiveHandle(), context.DangerousGetHandle(), index);
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_sampler_free(handle);
        return true;
    }

    private nint LiveHandle()
    {
        ObjectDisposedException.ThrowIf(IsClosed || IsInvalid, this);
        return handle;
    }
}
