namespace ReasoningServer.Tests.Infrastructure;

/// <summary>The server with one slot and a one-second request time limit.</summary>
public sealed class TimeoutServerFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Model:Parallel"] = "1",
        ["Model:ContextSize"] = "65536",
        ["Generation:RequestTimeoutSeconds"] = "1",
    };
}
