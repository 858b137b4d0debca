using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>
/// Builds llama.cpp sampler chains in the order llama-server uses: biases and penalties change the logits,
/// truncation keeps the plausible tokens, temperature reshapes, then one is drawn.
/// </summary>
public static unsafe class SamplerChainFactory
{
    /// <exception cref="LlamaException">llama.cpp refused one of the samplers.</exception>
    public static SafeLlamaSamplerHandle Create(SamplingParameters parameters, int vocabularySize)
    {
        var chainParams = NativeMethods.llama_sampler_chain_default_params();
        chainParams.no_perf = 1;
        var chain = SafeLlamaSamplerHandle.CreateChain(chainParams);
        try
        {
            AddAll(chain, parameters, vocabularySize);
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private static void AddAll(SafeLlamaSamplerHandle chain, SamplingParameters parameters, int vocabularySize)
    {
        // FromOwned turns a NULL from llama.cpp into an exception before the chain ever sees it.
        void Add(nint sampler, string what) => chain.Add(SafeLlamaSamplerHandle.FromOwned(sampler, what));

        if (parameters.LogitBias.Count > 0)
        {
            var biases = parameters.LogitBias.Select(b => new LlamaLogitBias { token = b.Key, bias = b.Value }).ToArray();
            fixed (LlamaLogitBias* ptr = biases)
            {
                Add(NativeMethods.llama_sampler_init_logit_bias(vocabularySize, biases.Length, ptr), "logit bias sampler");
            }
        }

        if (parameters.PresencePenalty != 0 || parameters.FrequencyPenalty != 0)
        {
            Add(NativeMethods.llama_sampler_init_penalties(
                vocabularySize, parameters.PenaltyWindow, 1f, parameters.FrequencyPenalty, parameters.PresencePenalty), "penalties sampler");
        }

        if (parameters.Temperature <= 0)
        {
            Add(NativeMethods.llama_sampler_init_greedy(), "greedy sampler");
            return;
        }

        if (parameters.TopK > 0)
        {
            Add(NativeMethods.llama_sampler_init_top_k(parameters.TopK), "top-k sampler");
        }

        if (parameters.TopP < 1)
        {
            Add(NativeMethods.llama_sampler_init_top_p(parameters.TopP, 1), "top-p sampler");
        }

        if (parameters.MinP > 0)
        {
            Add(NativeMethods.llama_sampler_init_min_p(parameters.MinP, 1), "min-p sampler");
        }

        Add(NativeMethods.llama_sampler_init_temp(parameters.Temperature), "temperature sampler");
        Add(NativeMethods.llama_sampler_init_dist(parameters.Seed ?? (uint)Random.Shared.Next()), "distribution sampler");
    }
}
