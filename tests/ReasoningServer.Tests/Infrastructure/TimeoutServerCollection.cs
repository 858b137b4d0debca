namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The end-to-end tests of the server's request time limit.</summary>
[CollectionDefinition(Name)]
public sealed class TimeoutServerCollection : ICollectionFixture<TimeoutServerFixture>
{
    public const string Name = "timeout-server";
}
