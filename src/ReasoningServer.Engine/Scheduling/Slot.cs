using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>One sequence of the shared context and the request it serves. Engine thread only.</summary>
internal sealed class Slot(int index)
{
    public LlamaSeqId SequenceId { get; } = new(index);

    public SlotState State { get; set; } = SlotState.Idle;

    public GenerationHandle? Handle { get; set; }

    public SafeLlamaSamplerHandle? Sampler { get; set; }

    /// <summary>Tokens in this sequence's KV cache, i.e. the position of the next token.</summary>
    public int Position { get; set; }

    /// <summary>Prompt tokens already evaluated.</summary>
    public int PrefillCursor { get; set; }

    public int Generated { get; set; }

    /// <summary>Generated tokens not yet in the KV cache: the last sampled one, or a whole forced sequence.</summary>
    public List<LlamaToken> Pending { get; } = new(16);

    /// <summary>Index of this slot's output row in the current batch, or -1.</summary>
    public int OutputIndex { get; set; } = -1;

    public void Reset()
    {
        State = SlotState.Idle;
        Handle = null;
        Sampler?.Dispose();
        Sampler = null;
        Position = 0;
        PrefillCursor = 0;
        Generated = 0;
        Pending.Clear();
        OutputIndex = -1;
    }
}
