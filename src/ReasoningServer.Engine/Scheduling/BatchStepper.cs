using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// One scheduler step: fill the shared batch from all slots, decode once, sample each sequence with an
/// output row. Engine thread only; allocation-free for sequences that did not ask for logprobs.
/// </summary>
internal sealed unsafe class BatchStepper(SafeLlamaContextHandle context, LoadedModel model, LlamaBatch batch, int capacity, int contextSize)
{
    private readonly nint _context = context.DangerousGetHandle();
    private LlamaBatch _batch = batch;

    public void Step(Slot[] slots, Action<Slot, FinishReason, string?> finish)
    {
        _batch.n_tokens = 0;

        // Generating sequences first: each costs one row (a few more while a forced sequence goes in),
        // and none waits behind a long prompt.
        foreach (var slot in slots)
        {
            if (slot.State == SlotState.Generating)
            {
                var pending = slot.Pending;
                if (_batch.n_tokens + pending.Count > capacity)
                {
                    continue; // a forced sequence that does not fit waits one step; it never exceeds a batch alone
                }

                for (var i = 0; i < pending.Count; i++)
                {
                    var last = i == pending.Count - 1;
                    var index = _batch.Add(pending[i], new LlamaPos(slot.Position++), slot.SequenceId, output: last);
                    if (last)
                    {
                        slot.OutputIndex = index;
                    }
                }

                pending.Clear();
            }
        }

        // Then prompt chunks with whatever room is left.
        foreach (var slot in slots)
        {
            if (slot.State != SlotState.Prefilling)
            {
                continue;
            }

            var prompt = slot.Handle!.Request.Prompt;
            while (slot.PrefillCursor < prompt.Count && _batch.n_tokens < capacity)
            {
                var last = slot.PrefillCursor == prompt.Count - 1;
                var index = _batch.Add(prompt[slot.PrefillCursor++], new LlamaPos(slot.Position++), slot.SequenceId, output: last);
                if (last)
                {
                    slot.OutputIndex = index;
                }
            }
        }

        if (_batch.n_tokens == 0)
        {
            return;
        }

        var result = NativeMethods.llama_decode(_context, _batch);
        if (result != 0)
        {
            HandleDecodeFailure(slots, result, finish);
            return;
        }

        foreach (var slot in slots)
        {
            if (slot.OutputIndex >= 0)
            {
                SampleNext(slot, finish);
            }
        }
    }

    private void SampleNext(Slot slot, Action<Slot, FinishReason, string?> finish)
    {
        var handle = slot.Handle!;
        var request = handle.Request;
        var outputIndex = slot.OutputIndex;
        slot.OutputIndex = -1;
        slot.State = SlotState.Generating;

        var sampled = NativeMethods.llama_sampler_sample(slot.Sampler!.DangerousGetHandle(), _context, outputIndex);
        TokenLogprob? logprob = null;
        if (request.TopLogprobs is { } top)
        {
            var logits = new ReadOnlySpan<float>(NativeMethods.llama_get_logits_ith(_context, outputIndex), model.Tokenizer.VocabularySize);
            logprob = LogprobCalculator.Compute(logits, sampled, top);
        }

        if (request.Steering is null)
        {
            Emit(slot, sampled, logprob, finish);
            return;
        }

        foreach (var token in request.Steering.Steer(sampled))
        {
            // A forced token was not sampled: it has no logprob of its own.
            if (!Emit(slot, token, token == sampled ? logprob : null, finish))
            {
                return;
            }
        }
    }

    /// <summary>Publishes one generated token and queues it for the next decode; false when the sequence ended.</summary>
    private bool Emit(Slot slot, LlamaToken token, TokenLogprob? logprob, Action<Slot, FinishReason, string?> finish)
    {
        var handle = slot.Handle!;
        slot.Generated++;
        slot.Pending.Add(token);
        var endOfGeneration = model.Tokenizer.IsEndOfGeneration(token);
        handle.Publish(new GeneratedToken(token, endOfGeneration, logprob));

        if (endOfGeneration)
        {
            finish(slot, FinishReason.EndOfGeneration, null);
        }
        else if (slot.Generated >= handle.Request.MaxTokens)
        {
            finish(slot, FinishReason.MaxTokens, null);
        }
        else if (slot.Position + slot.Pending.Count >= contextSize)
        {
            // Prompt plus completion fill the window (the new token itself would need the last free cell).
            finish(slot, FinishReason.ContextFull, null);
        }
        else
        {
            return true;
        }

        return false;
    }

    private void HandleDecodeFailure(Slot[] slots, int result, Action<Slot, FinishReason, string?> finish)
    {
        // No sequence samples from a failed step.
        foreach (var slot in slots)
        {
            slot.OutputIndex = -1;
        }

        if (result == 1)
        {
            // No room left in the shared KV cache: end the longest sequence; the others retry next step.
            var longest = slots.Where(s => s.State != SlotState.Idle).MaxBy(s => s.Position)!;
            finish(longest, FinishReason.ContextFull, null);
            RewindOthers(slots);
            return;
        }

        foreach (var slot in slots.Where(s => s.State != SlotState.Idle))
        {
            finish(slot, FinishReason.Failed, $"llama_decode failed with code {result}.");
        }
    }

    private void RewindOthers(Slot[] slots)
    {
        var memory = NativeMethods.llama_get_memory(_context);
        for (var i = 0; i < _batch.n_tokens; i++)
        {
            var sequence = _batch.seq_id[i][0];
            var slot = slots[sequence.Value];
            if (slot.State == SlotState.Idle)
            {
                continue;
            }

            var position = _batch.pos[i].Value;
            if (position < slot.Position)
            {
                slot.Position = position;
                if (slot.State == SlotState.Prefilling)
                {
                    slot.PrefillCursor = position;
                }
            }

            NativeMethods.llama_memory_seq_rm(memory, sequence, new LlamaPos(position), new LlamaPos(-1));
        }
    }
}
