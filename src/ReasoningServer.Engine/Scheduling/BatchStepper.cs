using System.Diagnostics;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// One scheduler step: fill the shared batch from all slots, decode once, sample each sequence with an
/// output row. Engine thread only; allocation-free for sequences that did not ask for logprobs.
/// </summary>
/// <remarks>
/// Order within a batch: generating sequences first (one row each, a few more while a forced sequence goes
/// in), so none waits behind a prompt; then prompt chunks, at most <c>prefillCap</c> tokens per step, split by
/// <see cref="PrefillPlanner"/> (shortest remaining prompt first, the longest-waiting one never starved).
/// </remarks>
internal sealed unsafe class BatchStepper(
    SafeLlamaContextHandle context,
    LoadedModel model,
    LlamaBatch batch,
    int capacity,
    int prefillCap,
    int contextSize,
    StepThreadTuner threads,
    ISlotLifecycle lifecycle,
    EngineCounters counters)
{
    private readonly nint _context = context.DangerousGetHandle();
    private readonly nint _memory = NativeMethods.llama_get_memory(context.DangerousGetHandle());
    private readonly ConstrainedSampler _constrained = new(context.DangerousGetHandle(), model.Tokenizer.VocabularySize, counters);
    private LlamaBatch _batch = batch;
    private int _stepThreads = -1;
    // The step's work for the thread tuner (LoadedModel.RowWork summed over its rows).
    private double _work;
    // The prompts being evaluated and their plan, sized once to the slot count: no allocation per step.
    private Slot[] _prefilling = [];
    private int[] _remaining = [];
    private long[] _admittedAt = [];
    private int[] _takes = [];
    private int[] _order = [];

    /// <summary>Decodes one step; false when there was nothing to decode (every busy sequence paused for its reader).</summary>
    public bool Step(Slot[] slots)
    {
        _batch.n_tokens = 0;
        _work = 0;
        AddGenerating(slots);
        var promptRows = AddPromptChunks(slots);
        if (_batch.n_tokens == 0)
        {
            return false;
        }

        var (group, candidate) = threads.Choose(_batch.n_tokens, promptRows);
        UseThreads(threads.Threads(group, candidate));
        var started = Stopwatch.GetTimestamp();
        var result = NativeMethods.llama_decode(_context, _batch);
        threads.Record(group, candidate, _batch.n_tokens, _work, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (result != 0)
        {
            HandleDecodeFailure(slots, result);
            return true;
        }

        counters.AddPromptEvaluated(promptRows);
        foreach (var slot in slots)
        {
            if (slot.OutputIndex < 0)
            {
                continue;
            }

            if (slot.State == SlotState.Prefilling && slot.Followers.Count > 0)
            {
                Fork(slot);
            }

            SampleNext(slot);
        }

        return true;
    }

    /// <summary>llama.cpp takes n_threads for one-token batches and n_threads_batch for the rest: both get the step's count.</summary>
    private void UseThreads(int wanted)
    {
        if (wanted != _stepThreads)
        {
            NativeMethods.llama_set_n_threads(_context, wanted, wanted);
            _stepThreads = wanted;
        }
    }

    private void AddGenerating(Slot[] slots)
    {
        foreach (var slot in slots)
        {
            if (slot.State != SlotState.Generating)
            {
                continue;
            }

            if (slot.Handle!.IsStalled)
            {
                // The reader is MaxUnreadTokens behind: decode nothing more for it until it takes one.
                if (!slot.PausedForReader)
                {
                    slot.PausedForReader = true;
                    counters.Paused();
                }

                continue;
            }

            slot.PausedForReader = false;
            var pending = slot.Pending;
            if (_batch.n_tokens + pending.Count > capacity)
            {
                continue; // a forced sequence that does not fit waits one step; it never exceeds a batch alone
            }

            for (var i = 0; i < pending.Count; i++)
            {
                var last = i == pending.Count - 1;
                _work += model.RowWork(slot.Position);
                var index = _batch.Add(pending[i], new LlamaPos(slot.Position), slot.SequenceId, output: last);
                slot.Tokens.Add(pending[i]);
                if (last)
                {
                    slot.OutputIndex = index;
                }
            }

            pending.Clear();
        }
    }

    /// <summary>Prompt chunks with the room left, as <see cref="PrefillPlanner"/> splits it; returns how many prompt rows were added.</summary>
    private int AddPromptChunks(Slot[] slots)
    {
        if (_prefilling.Length != slots.Length)
        {
            (_prefilling, _remaining, _admittedAt, _takes, _order) =
                (new Slot[slots.Length], new int[slots.Length], new long[slots.Length], new int[slots.Length], new int[slots.Length]);
        }

        var waiting = 0;
        foreach (var slot in slots)
        {
            var left = slot.State == SlotState.Prefilling ? slot.Handle!.Request.Prompt.Count - slot.Position : 0;
            if (left > 0)
            {
                (_prefilling[waiting], _remaining[waiting], _admittedAt[waiting]) = (slot, left, slot.AdmittedAt);
                waiting++;
            }
        }

        var budget = Math.Min(capacity - _batch.n_tokens, prefillCap);
        PrefillPlanner.Plan(_remaining.AsSpan(0, waiting), _admittedAt.AsSpan(0, waiting), budget, _takes, _order);
        var added = 0;
        for (var i = 0; i < waiting; i++)
        {
            added += AddChunk(_prefilling[i], _takes[i]);
        }

        return added;
    }

    /// <summary>Adds up to <paramref name="most"/> of the slot's next prompt tokens; the prompt's last one gets an output row.</summary>
    private int AddChunk(Slot slot, int most)
    {
        var prompt = slot.Handle!.Request.Prompt;
        var take = Math.Min(prompt.Count - slot.Position, most);
        for (var i = 0; i < take; i++)
        {
            var position = slot.Position;
            var last = position == prompt.Count - 1;
            _work += model.RowWork(position);
            var index = _batch.Add(prompt[position], new LlamaPos(position), slot.SequenceId, output: last);
            slot.Tokens.Add(prompt[position]);
            if (last)
            {
                slot.OutputIndex = index;
            }
        }

        return take;
    }

    /// <summary>
    /// The leader's prompt is evaluated: every other choice of the request gets the same KV (in the unified
    /// cache a copy only tags the cells with one more sequence) and samples from the same logits row.
    /// </summary>
    private void Fork(Slot leader)
    {
        foreach (var follower in leader.Followers)
        {
            NativeMethods.llama_memory_seq_cp(_memory, leader.SequenceId, follower.SequenceId, new LlamaPos(-1), new LlamaPos(-1));
            follower.Tokens.Clear();
            follower.Tokens.AddRange(leader.Tokens);
            follower.CachedPromptTokens = leader.CachedPromptTokens;
            follower.Leader = null;
            follower.State = SlotState.Prefilling;
            follower.OutputIndex = leader.OutputIndex;
        }

        // Sampled here rather than in the caller's loop, which may already have passed a follower's index.
        foreach (var follower in leader.Followers)
        {
            SampleNext(follower);
        }

        leader.Followers.Clear();
    }

    private void SampleNext(Slot slot)
    {
        var handle = slot.Handle!;
        var request = handle.Request;
        var outputIndex = slot.OutputIndex;
        slot.OutputIndex = -1;
        slot.State = SlotState.Generating;

        LlamaToken sampled;
        if (slot.Grammar is { ConstrainsNext: true } grammar)
        {
            if (_constrained.Sample(slot.Sampler!.DangerousGetHandle(), grammar, outputIndex) is not { } allowed)
            {
                lifecycle.Finish(slot, FinishReason.Failed, "The grammar allows no further token.");
                return;
            }

            sampled = allowed;
        }
        else
        {
            sampled = NativeMethods.llama_sampler_sample(slot.Sampler!.DangerousGetHandle(), _context, outputIndex);
        }

        TokenLogprob? logprob = null;
        if (request.TopLogprobs is { } top)
        {
            var logits = new ReadOnlySpan<float>(NativeMethods.llama_get_logits_ith(_context, outputIndex), model.Tokenizer.VocabularySize);
            logprob = LogprobCalculator.Compute(logits, sampled, top);
        }

        if (request.Steering is null)
        {
            Emit(slot, sampled, logprob);
            return;
        }

        foreach (var token in request.Steering.Steer(sampled))
        {
            // A forced token was not sampled: it has no logprob of its own.
            if (!Emit(slot, token, token == sampled ? logprob : null))
            {
                return;
            }
        }
    }

    /// <summary>Publishes one generated token and queues it for the next decode; false when the sequence ended.</summary>
    private bool Emit(Slot slot, LlamaToken token, TokenLogprob? logprob)
    {
        var handle = slot.Handle!;
        var endOfGeneration = model.Tokenizer.IsEndOfGeneration(token);
        if (slot.Grammar is { } grammar && !grammar.Observe(token, endOfGeneration))
        {
            // Only a forced token can break the grammar (sampled ones are checked): end before llama.cpp sees it.
            lifecycle.Finish(slot, FinishReason.Failed, "A forced token does not follow the request's grammar.");
            return false;
        }

        slot.Generated++;
        slot.Pending.Add(token);
        handle.Publish(new GeneratedToken(token, endOfGeneration, logprob));

        if (endOfGeneration)
        {
            lifecycle.Finish(slot, FinishReason.EndOfGeneration, null);
        }
        else if (slot.Generated >= handle.Request.MaxTokens)
        {
            lifecycle.Finish(slot, FinishReason.MaxTokens, null);
        }
        else if (slot.Position + slot.Pending.Count >= contextSize)
        {
            // Prompt plus completion fill the window (the new token itself would need the last free cell).
            lifecycle.Finish(slot, FinishReason.ContextFull, null);
        }
        else
        {
            return true;
        }

        return false;
    }

    private void HandleDecodeFailure(Slot[] slots, int result)
    {
        // No sequence samples from a failed step.
        foreach (var slot in slots)
        {
            slot.OutputIndex = -1;
        }

        if (result == 1)
        {
            // No room in the shared KV cache. Cached prefixes of idle slots go first (saved to host memory);
            // only when none is left does the longest running sequence end. The others retry next step.
            Rewind(slots);
            if (!lifecycle.EvictIdle())
            {
                Slot? longest = null;
                foreach (var slot in slots)
                {
                    if (slot.State != SlotState.Idle && (longest is null || slot.Position > longest.Position))
                    {
                        longest = slot;
                    }
                }

                if (longest is not null)
                {
                    lifecycle.Finish(longest, FinishReason.ContextFull, null);
                    lifecycle.Forget(longest);
                }
            }

            return;
        }

        foreach (var slot in slots)
        {
            if (slot.State != SlotState.Idle)
            {
                lifecycle.Finish(slot, FinishReason.Failed, $"llama_decode failed with code {result}.");
            }
        }
    }

    /// <summary>Takes this step's rows out of the KV cache again; generated tokens go back to pending.</summary>
    private void Rewind(Slot[] slots)
    {
        for (var i = 0; i < _batch.n_tokens; i++)
        {
            var sequence = _batch.seq_id[i][0];
            var slot = slots[sequence.Value];
            var position = _batch.pos[i].Value;
            if (position >= slot.Position)
            {
                continue; // an earlier row of this sequence already rewound past it
            }

            if (slot.State == SlotState.Generating)
            {
                slot.Pending.Clear();
                for (var j = position; j < slot.Tokens.Count; j++)
                {
                    slot.Pending.Add(slot.Tokens[j]);
                }
            }

            slot.Tokens.RemoveRange(position, slot.Tokens.Count - position);
            slot.SavedToHost = false;
            NativeMethods.llama_memory_seq_rm(_memory, sequence, new LlamaPos(position), new LlamaPos(-1));
        }
    }
}
