namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The web UI tests share one server and one browser; the dashboard test reads every row the others left in its ledger.</summary>
[CollectionDefinition(Name)]
public sealed class WebUICollection : ICollectionFixture<WebUIServerFixture>
{
    public const string Name = "webui";
}
