using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>
/// Builds llama.cpp sampler chains in the order llama-server uses: biases and penalties change the logits,
/// truncation keeps the plausible tokens, temperature reshapes, then one is drawn.
/// </summary>
public static unsafe class SamplerChainFactory
{
    public static SafeLlamaSamplerHandle Create(SamplingParameters parameters, int vocabularySize)
    {
        var chainParams = NativeMethods.llama_sampler_chain_default_params();
        chainParams.no_perf = 1;
        var chain = SafeLlamaSamplerHandle.CreateChain(chainParams);
        var raw = chain.DangerousGetHandle();

        if (parameters.LogitBias.Count > 0)
        {
            var biases = parameters.LogitBias.Select(b => new LlamaLogitBias { token = b.Key, bias = b.Value }).ToArray();
            fixed (LlamaLogitBias* ptr = biases)
            {
                NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_logit_bias(vocabularySize, biases.Length, ptr));
            }
        }

        if (parameters.PresencePenalty != 0 || parameters.FrequencyPenalty != 0)
        {
            NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_penalties(
                vocabularySize, parameters.PenaltyWindow, 1f, parameters.FrequencyPenalty, parameters.PresencePenalty));
        }

        if (parameters.Temperature <= 0)
        {
            NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_greedy());
            return chain;
        }

        if (parameters.TopK > 0)
        {
            NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_top_k(parameters.TopK));
        }

        if (parameters.TopP < 1)
        {
            NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_top_p(parameters.TopP, 1));
        }

        if (parameters.MinP > 0)
        {
            NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_min_p(parameters.MinP, 1));
        }

        NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_temp(parameters.Temperature));
        var seed = parameters.Seed ?? (uint)Random.Shared.Next();
        NativeMethods.llama_sampler_chain_add(raw, NativeMethods.llama_sampler_init_dist(seed));
        return chain;
    }
}
