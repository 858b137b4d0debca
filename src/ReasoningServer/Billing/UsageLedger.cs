using Microsoft.Extensions.Options;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Accounting.Ledger.Postgres;
using ReasoningServer.Accounting.Ledger.Sqlite;
using ReasoningServer.Metrics;
using ReasoningServer.Options;

namespace ReasoningServer.Billing;

/// <summary>
/// The configured ledger: its store and its writer, or neither when the provider is <c>None</c>. Disposed
/// by the host after the server has stopped taking requests, so the writer drains every record.
/// </summary>
internal sealed class UsageLedger : IAsyncDisposable
{
    public UsageLedger(IOptions<LedgerOptions> options, ILogger<LedgerWriter> writerLogger, ServerMetrics? metrics = null)
    {
        var settings = options.Value;
        Store = settings.Provider switch
        {
            LedgerProvider.Sqlite => new SqliteLedgerStore(settings.ResolvedDataDirectory),
            LedgerProvider.Postgres when !string.IsNullOrWhiteSpace(settings.ConnectionString) => new PostgresLedgerStore(settings.ConnectionString),
            LedgerProvider.Postgres => throw new OptionsValidationException(LedgerOptions.Section, typeof(LedgerOptions),
                ["Ledger:ConnectionString is required when Ledger:Provider is Postgres."]),
            _ => null,
        };
        Writer = Store is null ? null : new LedgerWriter(Store, settings.QueueCapacity, settings.BatchSize, writerLogger, metrics?.Meter);
        Description = settings.Provider switch
        {
            LedgerProvider.Sqlite => $"SQLite at {Path.Combine(settings.ResolvedDataDirectory, SqliteLedgerStore.FileName)}",
            LedgerProvider.Postgres => "PostgreSQL",
            _ => "none (usage is not recorded)",
        };
    }

    public LedgerStore? Store { get; }

    public LedgerWriter? Writer { get; }

    public string Description { get; }

    public async ValueTask DisposeAsync()
    {
        if (Writer is not null)
        {
            await Writer.DisposeAsync();
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }
}
