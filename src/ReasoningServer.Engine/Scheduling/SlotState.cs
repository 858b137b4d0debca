namespace ReasoningServer.Engine.Scheduling;

/// <summary>Where a slot is in serving its request.</summary>
internal enum SlotState
{
    Idle,
    Prefilling,
    Generating,
}
