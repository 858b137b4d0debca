namespace ReasoningServer.Engine.Tests.TinyModels;

/// <summary>Tests that share the loaded real-tokenizer models (each loads in about a second).</summary>
[CollectionDefinition(Name)]
public sealed class RealTokenizerModelsCollection : ICollectionFixture<RealTokenizerModelsFixture>
{
    public const string Name = "real-tokenizer tiny models";
}
