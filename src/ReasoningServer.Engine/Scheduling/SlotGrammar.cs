using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// One sequence's grammar sampler and where the sequence stands against its <see cref="GrammarGate"/>. Engine
/// thread only. The grammar sees exactly the tokens that enter the sequence once it is past the gate, so a
/// token replaced by steering never advances it.
/// </summary>
internal sealed unsafe class SlotGrammar(SafeLlamaSamplerHandle sampler, GrammarGate gate) : IDisposable
{
    private readonly LlamaTokenData[] _single = GC.AllocateArray<LlamaTokenData>(1, pinned: true);
    private GatePhase _phase = gate.End is null ? GatePhase.Constrained : gate.StartsInside ? GatePhase.Free : GatePhase.Undecided;

    private enum GatePhase
    {
        /// <summary>The first token decides: the section's start token opens it, anything else is constrained.</summary>
        Undecided,

        /// <summary>Inside the free section.</summary>
        Free,

        /// <summary>Past the gate: every token follows the grammar.</summary>
        Constrained,
    }

    public nint Handle => sampler.DangerousGetHandle();

    /// <summary>Whether the next sampled token must be checked against the grammar.</summary>
    public bool ConstrainsNext => _phase != GatePhase.Free;

    /// <summary>True for the one token that may open the free section instead of following the grammar.</summary>
    public bool OpensSection(LlamaToken token) => _phase == GatePhase.Undecided && token == gate.Start;

    /// <summary>Whether the grammar allows <paramref name="token"/> next (a one-candidate apply: cheap).</summary>
    public bool Allows(LlamaToken token)
    {
        _single[0] = new LlamaTokenData(token, 0f, 0f);
        fixed (LlamaTokenData* data = _single)
        {
            var candidates = new LlamaTokenDataArray { data = data, size = 1, selected = -1 };
            NativeMethods.llama_sampler_apply(Handle, &candidates);
        }

        return !float.IsNegativeInfinity(_single[0].logit);
    }

    /// <summary>
    /// A token entered the sequence. Returns false when it breaks the grammar (a forced token the grammar does not
    /// allow): the sequence must end, since llama.cpp aborts on accepting such a token.
    /// </summary>
    public bool Observe(LlamaToken token, bool endOfGeneration)
    {
        switch (_phase)
        {
            case GatePhase.Free:
                if (token == gate.End)
                {
                    _phase = GatePhase.Constrained; // the closing token itself is not part of the constrained text
                }

                return true;
            case GatePhase.Undecided when token == gate.Start:
                _phase = GatePhase.Free;
                return true;
            default:
                _phase = GatePhase.Constrained;
                // The end of generation is only sampled where the grammar allows it; it is never fed to the grammar.
                if (endOfGeneration)
                {
                    return true;
                }

                if (!Allows(token))
                {
                    return false;
                }

                NativeMethods.llama_sampler_accept(Handle, token);
                return true;
        }
    }

    public void Dispose() => sampler.Dispose();
}
