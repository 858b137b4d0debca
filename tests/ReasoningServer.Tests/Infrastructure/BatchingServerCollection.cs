namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The end-to-end tests of concurrency, the prefix cache and backpressure share one eight-slot server.</summary>
[CollectionDefinition(Name)]
public sealed class BatchingServerCollection : ICollectionFixture<BatchingServerFixture>
{
    public const string Name = "batching-server";
}
