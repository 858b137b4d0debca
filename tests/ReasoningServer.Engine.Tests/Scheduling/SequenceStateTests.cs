using ReasoningServer.Engine.Caching;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>llama.cpp's per-sequence state save/restore with the unified KV cache the engine uses.</summary>
[Collection(TinyModelCollection.Name)]
public sealed unsafe class SequenceStateTests(TinyModelFixture fixture)
{
    [Fact]
    public void A_sequence_saved_and_restored_into_another_gives_the_same_logits()
    {
        var parameters = NativeMethods.llama_context_default_params();
        parameters.n_ctx = 512;
        parameters.n_batch = 128;
        parameters.n_ubatch = 128;
        parameters.n_seq_max = 3;
        parameters.n_threads = 2;
        parameters.n_threads_batch = 2;
        parameters.kv_unified = 1;
        using var context = SafeLlamaContextHandle.Create(fixture.Model.Handle, parameters);
        var ctx = context.DangerousGetHandle();
        var memory = NativeMethods.llama_get_memory(ctx);
        var prompt = EngineRuns.Prompt(fixture.Model, "Save me, then bring me back.");
        var vocabulary = fixture.Model.Tokenizer.VocabularySize;
        var batch = NativeMethods.llama_batch_init(128, 0, 1);
        try
        {
            // Sequence 0 holds the prompt; sequence 2 something else, so the cells are interleaved.
            Decode(ref batch, ctx, prompt[..^1], new LlamaSeqId(0), 0);
            Decode(ref batch, ctx, EngineRuns.Prompt(fixture.Model, "Other"), new LlamaSeqId(2), 0);
            var state = SequenceState.Save(ctx, new LlamaSeqId(0), maxBytes: long.MaxValue);
            Assert.Null(SequenceState.Save(ctx, new LlamaSeqId(0), maxBytes: 16)); // too large for the cache: not even copied
            Assert.NotNull(state);

            var direct = Decode(ref batch, ctx, prompt[^1..], new LlamaSeqId(0), prompt.Length - 1).ToArray();
            NativeMethods.llama_memory_seq_rm(memory, new LlamaSeqId(0), new LlamaPos(-1), new LlamaPos(-1));

            Assert.True(SequenceState.Restore(ctx, new LlamaSeqId(1), state!));
            Assert.Equal(prompt.Length - 2, NativeMethods.llama_memory_seq_pos_max(memory, new LlamaSeqId(1)).Value);
            var restored = Decode(ref batch, ctx, prompt[^1..], new LlamaSeqId(1), prompt.Length - 1).ToArray();

            Assert.Equal(vocabulary, restored.Length);
            Assert.Equal(direct, restored);
        }
        finally
        {
            NativeMethods.llama_batch_free(batch);
        }
    }

    /// <summary>Decodes tokens into one sequence and returns the logits of the last.</summary>
    private ReadOnlySpan<float> Decode(ref LlamaBatch batch, nint ctx, LlamaToken[] tokens, LlamaSeqId sequence, int start)
    {
        batch.n_tokens = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], new LlamaPos(start + i), sequence, output: i == tokens.Length - 1);
        }

        Assert.Equal(0, NativeMethods.llama_decode(ctx, batch));
        return new ReadOnlySpan<float>(NativeMethods.llama_get_logits_ith(ctx, batch.n_tokens - 1), fixture.Model.Tokenizer.VocabularySize);
    }
}
