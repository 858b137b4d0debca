namespace ReasoningServer.Engine.Scheduling;

/// <summary>What the batch stepper asks of the engine when a sequence ends or the KV cache runs out.</summary>
internal interface ISlotLifecycle
{
    /// <summary>Ends the slot's request with a summary; its KV stays for prefix reuse unless it failed.</summary>
    void Finish(Slot slot, FinishReason reason, string? error);

    /// <summary>Frees the KV of idle slots' cached prefixes; false when there was none.</summary>
    bool EvictIdle();

    /// <summary>Drops a slot's KV entirely.</summary>
    void Forget(Slot slot);
}
