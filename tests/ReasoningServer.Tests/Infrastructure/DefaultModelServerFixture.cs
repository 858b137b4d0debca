namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The server as <c>dotnet run</c> starts it with no model configured: it serves the shipped tiny reasoner.</summary>
public sealed class DefaultModelServerFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Model:Path"] = string.Empty,
        ["Model:Id"] = string.Empty,
    };
}
