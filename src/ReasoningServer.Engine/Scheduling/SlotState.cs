namespace ReasoningServer.Engine.Scheduling;

/// <summary>Where a slot is in serving its request.</summary>
internal enum SlotState
{
    /// <summary>No request; the sequence may still hold a cached prefix for the next one.</summary>
    Idle,

    /// <summary>A choice of an <c>n &gt; 1</c> request waiting for its leader to evaluate the shared prompt.</summary>
    AwaitingPrompt,

    /// <summary>Prompt tokens are being evaluated, one fair chunk per step.</summary>
    Prefilling,

    /// <summary>One sampled token per step.</summary>
    Generating,
}
