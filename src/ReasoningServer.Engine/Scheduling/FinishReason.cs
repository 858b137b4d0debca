namespace ReasoningServer.Engine.Scheduling;

/// <summary>Why the engine stopped generating a sequence.</summary>
public enum FinishReason
{
    /// <summary>The model produced an end-of-generation token.</summary>
    EndOfGeneration,

    /// <summary>The request's token limit was reached.</summary>
    MaxTokens,

    /// <summary>The context window (or the KV cache) is full.</summary>
    ContextFull,

    /// <summary>The caller cancelled (disconnect, stop sequence).</summary>
    Cancelled,

    /// <summary>llama.cpp reported a failure.</summary>
    Failed,

    /// <summary>The request's time limit passed (waiting in the queue included).</summary>
    TimedOut,
}
