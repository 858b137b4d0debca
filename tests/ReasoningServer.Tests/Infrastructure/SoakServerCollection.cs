namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The reliability tests on one <see cref="SoakServerFixture"/>, one after another (each uses its own key).</summary>
[CollectionDefinition(Name)]
public sealed class SoakServerCollection : ICollectionFixture<SoakServerFixture>
{
    public const string Name = "soak-server";
}
