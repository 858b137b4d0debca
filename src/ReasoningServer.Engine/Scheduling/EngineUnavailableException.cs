namespace ReasoningServer.Engine.Scheduling;

/// <summary>Thrown by <see cref="InferenceEngine.Submit"/> once the engine has stopped (shutdown or a fatal llama.cpp error).</summary>
public sealed class EngineUnavailableException() : Exception("The inference engine is not running.");
