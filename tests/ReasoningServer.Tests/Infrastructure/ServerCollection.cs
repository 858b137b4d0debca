namespace ReasoningServer.Tests.Infrastructure;

/// <summary>One server for all end-to-end tests: starting llama.cpp per test would dominate the run.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
