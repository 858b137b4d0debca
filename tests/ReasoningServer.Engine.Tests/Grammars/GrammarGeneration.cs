using System.Diagnostics;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>
/// Generates text from the tiny random-weight model under a grammar, through llama.cpp's grammar and dist
/// samplers, the way the engine's sampler chain does. Random weights make every allowed byte plausible, so the
/// outputs wander over the whole grammar.
/// </summary>
internal static class GrammarGeneration
{
    /// <summary>The bytes generated, whether the grammar let the model stop before <paramref name="maxTokens"/>, and
    /// the time spent in sampling alone.</summary>
    public sealed record Result(byte[] Bytes, bool Completed, int Tokens, TimeSpan SamplingTime);

    /// <param name="grammar">The grammar, or null to sample unconstrained (a baseline for the grammar's cost).</param>
    public static unsafe Result Generate(TinyModelFixture fixture, string? grammar, uint seed, int maxTokens)
    {
        var parameters = NativeMethods.llama_context_default_params();
        parameters.n_ctx = (uint)(maxTokens + 16);
        parameters.n_batch = 64;
        parameters.n_ubatch = 64;
        // One thread: the machine has two cores and other tests may be running beside this one.
        parameters.n_threads = 1;
        parameters.n_threads_batch = 1;
        using var context = SafeLlamaContextHandle.Create(fixture.Model.Handle, parameters);
        using var chain = SafeLlamaSamplerHandle.CreateChain(NativeMethods.llama_sampler_chain_default_params());
        if (grammar is not null)
        {
            chain.Add(SafeLlamaSamplerHandle.FromOwned(
                NativeMethods.llama_sampler_init_grammar(fixture.Model.Handle.Vocab, grammar, "root"), "grammar"));
        }

        chain.Add(SafeLlamaSamplerHandle.FromOwned(NativeMethods.llama_sampler_init_dist(seed), "dist"));

        var tokenizer = fixture.Model.Tokenizer;
        var prompt = tokenizer.Tokenize("json:", addSpecial: false, parseSpecial: false);
        var batch = NativeMethods.llama_batch_init(64, 0, 1);
        var output = new List<byte>();
        var sampling = new Stopwatch();
        try
        {
            var position = 0;
            foreach (var token in prompt)
            {
                batch.Add(token, new LlamaPos(position++), new LlamaSeqId(0), output: position == prompt.Length);
            }

            for (var step = 0; step < maxTokens; step++)
            {
                if (NativeMethods.llama_decode(context.DangerousGetHandle(), batch) != 0)
                {
                    throw new InvalidOperationException("llama_decode failed");
                }

                sampling.Start();
                var next = chain.Sample(context, batch.n_tokens - 1);
                sampling.Stop();
                if (tokenizer.IsEndOfGeneration(next))
                {
                    return new Result([.. output], true, step + 1, sampling.Elapsed);
                }

                output.AddRange(tokenizer.GetBytes(next));
                batch.n_tokens = 0;
                batch.Add(next, new LlamaPos(position++), new LlamaSeqId(0), output: true);
            }

            return new Result([.. output], false, maxTokens, sampling.Elapsed);
        }
        finally
        {
            NativeMethods.llama_batch_free(batch);
        }
    }
}
