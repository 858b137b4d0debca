using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Serving;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// A SQLite-ledger server with keys, four slots and a small unread bound: the disconnect soak's short form and
/// the slow-reader test run against it.
/// </summary>
public sealed class SoakServerFixture : AccountingServerFixture
{
    public const int Parallel = 4;
    public const int MaxUnreadTokens = 16;

    protected override Task<LedgerDatabase> CreateLedgerAsync() => Task.FromResult(LedgerDatabase.Sqlite());

    protected override IReadOnlyDictionary<string, string?> MoreSettings => new Dictionary<string, string?>
    {
        ["Model:Parallel"] = Parallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Model:ContextSize"] = "32768",
        ["Model:MaxUnreadTokens"] = MaxUnreadTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The engine's counters, read from the server itself.</summary>
    public EngineStatistics Statistics => Services.GetRequiredService<ModelHost>().Current!.Engine.Statistics;
}
