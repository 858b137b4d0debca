using ReasoningServer.Engine.Caching;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// Chooses the slots for a request and prepares their KV: the prefix cache. Engine thread only; runs once
/// per admitted request, never per token.
/// </summary>
/// <remarks>
/// A leader (the slot that evaluates the prompt) is the idle slot whose cached tokens share the longest
/// prefix with the prompt; its KV beyond that prefix is removed. When the host-memory cache holds a longer
/// prefix, the least valuable idle slot is refilled from it instead. A slot whose tokens are about to be
/// discarded is saved to host memory first, so the conversation it held can come back.
/// With a KV cache per slot (<paramref name="keepBusyContiguous"/>), among slots that hold as much of the prompt, the
/// one next to the busy slots is taken: llama.cpp splits a step into one computation per run of consecutive sequence
/// ids (<c>split_equal</c>, sequential), and eight streams that landed on slots 0 and 9-15 of 16 ran every step as
/// two — inter-token p50 11.9 ms against llama-server's 8.8-10.3 in the same run (bench/RESULTS.md, issue 8).
/// </remarks>
internal sealed class SlotAllocator(
    Slot[] slots, nint context, HostPrefixCache? hostCache, int hostCacheMinTokens, bool keepBusyContiguous, EngineCounters counters)
{
    /// <summary>Shorter matches than this (a chat template's opening, say) are not worth evicting another conversation for.</summary>
    private const int MinReuse = 16;

    private readonly nint _memory = NativeMethods.llama_get_memory(context);

    public int CountIdle()
    {
        var idle = 0;
        foreach (var slot in slots)
        {
            if (slot.State == SlotState.Idle)
            {
                idle++;
            }
        }

        return idle;
    }

    /// <summary>An idle slot holding the longest usable prefix of <paramref name="prompt"/>, its KV trimmed to it.</summary>
    /// <returns>The slot and how many prompt tokens it already holds.</returns>
    public (Slot Slot, int Cached) TakeLeader(IReadOnlyList<LlamaToken> prompt)
    {
        // At least the last prompt token is evaluated again: its logits row is what the first sample needs.
        var limit = prompt.Count - 1;
        Slot? best = null;
        var bestLength = -1;
        foreach (var slot in slots)
        {
            if (slot.State != SlotState.Idle)
            {
                continue;
            }

            var length = TokenPrefix.CommonLength(slot.Tokens, prompt, limit);
            if (length > bestLength || (length == bestLength && IsBetterVictim(slot, best!)))
            {
                (best, bestLength) = (slot, length);
            }
        }

        var victim = LeastValuableIdle();
        if (hostCache is not null && bestLength < limit)
        {
            var (entry, hostLength) = hostCache.FindLongest(prompt, limit);
            if (entry is not null && hostLength > bestLength && hostLength >= Math.Min(MinReuse, limit))
            {
                Discard(victim, keep: 0);
                if (SequenceState.Restore(context, victim.SequenceId, entry.State))
                {
                    hostCache.Remove(entry); // it lives in the slot again
                    counters.HostCacheRestored();
                    victim.Tokens.AddRange(entry.Tokens);
                    Trim(victim, hostLength);
                    return (victim, hostLength);
                }

                NativeMethods.llama_memory_seq_rm(_memory, victim.SequenceId, new LlamaPos(-1), new LlamaPos(-1));
            }
        }

        var chosen = bestLength >= Math.Min(MinReuse, limit) && bestLength > 0 ? best! : victim;
        var cached = TokenPrefix.CommonLength(chosen.Tokens, prompt, limit); // a failed restore may have emptied it
        Discard(chosen, keep: cached);
        return (chosen, cached);
    }

    /// <summary>An idle slot for a choice that will receive a copy of the leader's prompt; its own KV is emptied.</summary>
    public Slot TakeFollower()
    {
        var slot = LeastValuableIdle();
        Discard(slot, keep: 0);
        return slot;
    }

    /// <summary>Frees the KV every idle slot holds (saving it to host memory), for when the shared cache is full.</summary>
    /// <returns>Whether anything was freed.</returns>
    public bool EvictIdle()
    {
        var freed = false;
        foreach (var slot in slots)
        {
            if (slot.State == SlotState.Idle && slot.Tokens.Count > 0)
            {
                Discard(slot, keep: 0);
                freed = true;
            }
        }

        return freed;
    }

    /// <summary>Drops a slot's KV and tokens entirely (after a failure, when they may not match).</summary>
    public void Forget(Slot slot)
    {
        NativeMethods.llama_memory_seq_rm(_memory, slot.SequenceId, new LlamaPos(-1), new LlamaPos(-1));
        slot.Tokens.Clear();
        slot.SavedToHost = false;
    }

    /// <summary>Keeps the first <paramref name="keep"/> tokens of the slot; saves the whole to host memory first
    /// when most of it would be lost.</summary>
    private void Discard(Slot slot, int keep)
    {
        if (keep >= slot.Tokens.Count)
        {
            return;
        }

        if (hostCache is not null && !slot.SavedToHost && slot.Tokens.Count >= hostCacheMinTokens && keep < slot.Tokens.Count / 2
            && SequenceState.Save(context, slot.SequenceId, hostCache.SizeLimit) is { } state
            && hostCache.Add([.. slot.Tokens], state))
        {
            counters.HostCacheSaved();
        }

        Trim(slot, keep);
    }

    private void Trim(Slot slot, int keep)
    {
        if (keep < slot.Tokens.Count)
        {
            NativeMethods.llama_memory_seq_rm(_memory, slot.SequenceId, new LlamaPos(keep), new LlamaPos(-1));
            slot.Tokens.RemoveRange(keep, slot.Tokens.Count - keep);
            slot.SavedToHost = false;
        }
    }

    /// <summary>
    /// An empty idle slot if there is one, else the least recently used; with <c>keepBusyContiguous</c>, first of all one
    /// that joins two runs of busy slots, then one that extends a run.
    /// </summary>
    private Slot LeastValuableIdle()
    {
        Slot? choice = null;
        foreach (var slot in slots)
        {
            if (slot.State == SlotState.Idle && (choice is null || IsBetterVictim(slot, choice)))
            {
                choice = slot;
            }
        }

        return choice ?? throw new InvalidOperationException("No idle slot: admission must check first.");
    }

    /// <summary>Between two idle slots: the one with more busy neighbours (when that matters), else the cheaper to discard.</summary>
    private bool IsBetterVictim(Slot candidate, Slot current)
    {
        if (keepBusyContiguous && BusyNeighbours(candidate) != BusyNeighbours(current))
        {
            return BusyNeighbours(candidate) > BusyNeighbours(current);
        }

        return IsCheaper(candidate, current);
    }

    /// <summary>How many of the slots beside this one (by sequence id) are serving a request.</summary>
    private int BusyNeighbours(Slot slot)
    {
        var index = slot.SequenceId.Value;
        return (index > 0 && slots[index - 1].State != SlotState.Idle ? 1 : 0)
            + (index < slots.Length - 1 && slots[index + 1].State != SlotState.Idle ? 1 : 0);
    }

    private static bool IsCheaper(Slot candidate, Slot current) =>
        (candidate.Tokens.Count == 0) != (current.Tokens.Count == 0)
            ? candidate.Tokens.Count == 0
            : candidate.LastUsed < current.LastUsed;
}
