namespace ReasoningServer.Engine.Tests.Infrastructure;

/// <summary>Tests that share one loaded tiny model.</summary>
[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
