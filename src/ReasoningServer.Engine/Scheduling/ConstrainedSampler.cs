using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// Samples under a grammar the way llama.cpp's common sampler does: draw with the ordinary chain first and
/// check only that token against the grammar (one candidate: cheap); only when the grammar rejects it,
/// mask the whole vocabulary with the grammar and draw again. Engine thread only; the candidate buffer is
/// shared by all slots and allocated once.
/// </summary>
internal sealed unsafe class ConstrainedSampler(nint context, int vocabularySize, EngineCounters counters)
{
    private readonly LlamaTokenData[] _candidates = GC.AllocateArray<LlamaTokenData>(vocabularySize, pinned: true);

    /// <summary>The next token of a sequence whose grammar constrains it, accepted into <paramref name="chain"/>;
    /// null when the grammar allows no token at all.</summary>
    public LlamaToken? Sample(nint chain, SlotGrammar grammar, int outputIndex)
    {
        var logits = NativeMethods.llama_get_logits_ith(context, outputIndex);
        if (Draw(chain, logits, grammar: 0) is not { } token)
        {
            return null;
        }

        if (!grammar.OpensSection(token) && !grammar.Allows(token))
        {
            counters.GrammarResampled();
            if (Draw(chain, logits, grammar.Handle) is not { } allowed)
            {
                return null;
            }

            token = allowed;
        }

        // As llama_sampler_sample would: the chain's own state (penalties) learns the token it produced.
        NativeMethods.llama_sampler_accept(chain, token);
        return token;
    }

    private LlamaToken? Draw(nint chain, float* logits, nint grammar)
    {
        for (var id = 0; id < _candidates.Length; id++)
        {
            _candidates[id] = new LlamaTokenData(new LlamaToken(id), logits[id], 0f);
        }

        fixed (LlamaTokenData* data = _candidates)
        {
            var candidates = new LlamaTokenDataArray { data = data, size = (nuint)_candidates.Length, selected = -1 };
            if (grammar != 0)
            {
                NativeMethods.llama_sampler_apply(grammar, &candidates);
            }

            NativeMethods.llama_sampler_apply(chain, &candidates);
            // Samplers may replace the data pointer (top-k sorts into its own buffer): read through the array.
            if (candidates.selected < 0 || float.IsNegativeInfinity(candidates.data[candidates.selected].logit))
            {
                return null;
            }

            return candidates.data[candidates.selected].id;
        }
    }
}
