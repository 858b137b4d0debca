using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Sampling;

/// <summary>The grammar sampler through our binding, with a real context: a GBNF rule constrains what is sampled.</summary>
[Collection(TinyModelCollection.Name)]
public sealed unsafe class GrammarSamplerTests(TinyModelFixture fixture)
{
    [Fact]
    public void A_grammar_limits_sampling_to_the_tokens_it_allows()
    {
        var parameters = NativeMethods.llama_context_default_params();
        parameters.n_ctx = 256;
        parameters.n_batch = 64;
        parameters.n_ubatch = 64;
        using var context = SafeLlamaContextHandle.Create(fixture.Model.Handle, parameters);
        using var chain = SafeLlamaSamplerHandle.CreateChain(NativeMethods.llama_sampler_chain_default_params());
        chain.Add(SafeLlamaSamplerHandle.FromOwned(
            NativeMethods.llama_sampler_init_grammar(fixture.Model.Handle.Vocab, "root ::= [ab]+", "root"), "grammar"));
        chain.Add(SafeLlamaSamplerHandle.FromOwned(NativeMethods.llama_sampler_init_dist(7), "dist"));

        var prompt = fixture.Model.Tokenizer.Tokenize("xyz", addSpecial: false, parseSpecial: false);
        var batch = NativeMethods.llama_batch_init(64, 0, 1);
        try
        {
            var sampled = new List<int>();
            var position = 0;
            foreach (var token in prompt)
            {
                batch.Add(token, new LlamaPos(position++), new LlamaSeqId(0), output: position == prompt.Length);
            }

            for (var step = 0; step < 12; step++)
            {
                Assert.Equal(0, NativeMethods.llama_decode(context.DangerousGetHandle(), batch));
                var next = chain.Sample(context, batch.n_tokens - 1);
                sampled.Add(next.Value);
                batch.n_tokens = 0;
                batch.Add(next, new LlamaPos(position++), new LlamaSeqId(0), output: true);
            }

            Assert.All(sampled, id => Assert.Contains(id, new[] { 'a', 'b' }.Select(c => (int)c)));
        }
        finally
        {
            NativeMethods.llama_batch_free(batch);
        }
    }

    [Fact]
    public void A_grammar_that_does_not_parse_gives_no_sampler()
    {
        Assert.Equal(nint.Zero, NativeMethods.llama_sampler_init_grammar(fixture.Model.Handle.Vocab, "root ::= (", "root"));
    }
}
