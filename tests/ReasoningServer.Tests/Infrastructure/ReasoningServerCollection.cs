namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The end-to-end tests of reasoning controls share one server with a small budget table.</summary>
[CollectionDefinition(Name)]
public sealed class ReasoningServerCollection : ICollectionFixture<ReasoningServerFixture>
{
    public const string Name = "reasoning-server";
}
