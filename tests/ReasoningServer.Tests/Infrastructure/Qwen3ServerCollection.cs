namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The Qwen3-template server, shared by the tool-call and structured-output tests.</summary>
[CollectionDefinition(Name)]
public sealed class Qwen3ServerCollection : ICollectionFixture<Qwen3ServerFixture>
{
    public const string Name = "qwen3 server";
}
