namespace ReasoningServer.Engine.Tests.Native;

/// <summary>Serializes the tests that touch the process-wide native library state (initialization, log sink).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LlamaNativeCollection
{
    public const string Name = "llama.cpp native library";
}
