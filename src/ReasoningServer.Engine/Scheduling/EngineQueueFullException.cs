namespace ReasoningServer.Engine.Scheduling;

/// <summary>Thrown by <see cref="InferenceEngine.Submit"/> when every slot is busy and the wait queue is full.</summary>
public sealed class EngineQueueFullException(int capacity)
    : Exception($"The engine's queue is full ({capacity} requests waiting).")
{
    public int Capacity { get; } = capacity;
}
