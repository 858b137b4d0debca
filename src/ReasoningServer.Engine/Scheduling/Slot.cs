using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>One sequence of the shared context and the request it serves. Engine thread only.</summary>
internal sealed class Slot(int index)
{
    public LlamaSeqId SequenceId { get; } = new(index);

    public SlotState State { get; set; } = SlotState.Idle;

    public GenerationHandle? Handle { get; set; }

    public SafeLlamaSamplerHandle? Sampler { get; set; }

    /// <summary>The request's grammar for this sequence, or null when its output is free.</summary>
    public SlotGrammar? Grammar { get; set; }

    /// <summary>
    /// The tokens whose KV this sequence holds, in position order. They outlive the request: the next one
    /// that starts with the same tokens skips evaluating them (the prefix cache).
    /// </summary>
    public List<LlamaToken> Tokens { get; } = new(256);

    /// <summary>The position of the next token in this sequence.</summary>
    public int Position => Tokens.Count;

    /// <summary>Prompt tokens the current request found already in the KV cache.</summary>
    public int CachedPromptTokens { get; set; }

    public int Generated { get; set; }

    /// <summary>Generated tokens not yet in the KV cache: the last sampled one, or a whole forced sequence.</summary>
    public List<LlamaToken> Pending { get; } = new(16);

    /// <summary>Left out of the batch since the last step because its reader is behind (counted once per pause).</summary>
    public bool PausedForReader { get; set; }

    /// <summary>Index of this slot's output row in the current batch, or -1.</summary>
    public int OutputIndex { get; set; } = -1;

    /// <summary>Choices of the same request that get a copy of this slot's prompt KV once it is evaluated.</summary>
    public List<Slot> Followers { get; } = new(8);

    /// <summary>For a slot in <see cref="SlotState.AwaitingPrompt"/>: the slot evaluating the shared prompt.</summary>
    public Slot? Leader { get; set; }

    /// <summary>Engine clock of the admission of its request: the longest-waiting prompt is never starved of prefill.</summary>
    public long AdmittedAt { get; set; }

    /// <summary>Engine clock of the last release: the least recently used idle slot is reused first.</summary>
    public long LastUsed { get; set; }

    /// <summary>The host-memory cache already holds exactly <see cref="Tokens"/>: no need to save them again.</summary>
    public bool SavedToHost { get; set; }

    /// <summary>Ends the request but keeps the KV and <see cref="Tokens"/> for prefix reuse.</summary>
    public void Release()
    {
        State = SlotState.Idle;
        Handle = null;
        Sampler?.Dispose();
        Sampler = null;
        Grammar?.Dispose();
        Grammar = null;
        CachedPromptTokens = 0;
        Generated = 0;
        Pending.Clear();
        OutputIndex = -1;
        PausedForReader = false;
        Followers.Clear();
        Leader = null;
    }
}
