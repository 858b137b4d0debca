using System.Data.Common;
using Microsoft.Extensions.Options;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Billing;
using ReasoningServer.Options;

namespace ReasoningServer.Hosting;

/// <summary>
/// Before any service starts (so before the server listens, services starting together): creates or migrates the ledger and loads its keys, so a key-protected server
/// is never open for a moment. While it runs: reloads the database's keys (created or revoked with the
/// <c>keys</c> verb, possibly by another replica).
/// </summary>
internal sealed partial class AccountingHostedService(
    UsageLedger ledger, ApiKeyRing ring, IOptions<AuthOptions> options, ILogger<AccountingHostedService> logger) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _refreshing = Task.CompletedTask;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (ledger.Store is { } store)
        {
            try
            {
                await store.MigrateAsync(cancellationToken);
            }
            catch (DbException e)
            {
                throw new LedgerUnavailableException($"The usage ledger ({ledger.Description}) could not be opened: {e.Message}", e);
            }

            await RefreshAsync(cancellationToken);
            _refreshing = RefreshLoopAsync(_stopping.Token);
        }

        LogLedger(ledger.Description);
        if (ring.IsOpen)
        {
            LogOpen();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync(); // the test host may stop twice
        }

        await _refreshing;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RefreshLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await RefreshAsync(stopping);
                }
                catch (DbException e)
                {
                    LogRefreshFailed(e); // keep the keys we have; the next tick tries again
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var stored = await ledger.Store!.ListKeysAsync(cancellationToken);
        ring.ReplaceStoredKeys(stored.Where(k => k.RevokedAt is null).Select(k => k.Key), anyStored: stored.Count > 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage ledger: {Ledger}")]
    private partial void LogLedger(string ledger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys are configured: every /v1 endpoint is open to anyone who can reach this server. Set Auth:Keys, --api-key, --api-key-file or create keys with the `keys create` command.")]
    private partial void LogOpen();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading API keys from the ledger failed; keeping the current ones")]
    private partial void LogRefreshFailed(Exception exception);
}
