using ReasoningServer.Accounting.Keys;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Accounting.Pricing;
using ReasoningServer.Auth;
using ReasoningServer.Errors;
using ReasoningServer.Serving;

namespace ReasoningServer.Billing;

/// <summary>
/// Attributes one generation request to its key and records it in the ledger exactly once:
/// <list type="bullet">
/// <item>completed: when the run's last event has been read, before the caller writes its final bytes
/// (<c>[DONE]</c>, or the JSON body), and the caller waits for the commit — a response the client saw
/// complete is always in the ledger, even if the process is killed right after;</item>
/// <item>cancelled (client gone) or failed: when the request ends, billed for what was generated
/// (failed: recorded, not billed).</item>
/// </list>
/// Endpoints hold one in an <c>await using</c> right after starting the run.
/// </summary>
internal sealed partial class RequestBilling : IAsyncDisposable
{
    /// <summary>How long an ended request waits for the engine to release its sequences before it is recorded with what was counted.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    private readonly HttpContext _context;
    private readonly CompletionJob _job;
    private readonly CompletionRun _run;
    private readonly ApiKey? _key;
    private readonly DateTimeOffset _started;
    private bool _recorded;

    private RequestBilling(HttpContext context, CompletionJob job, CompletionRun run, ApiKey? key)
    {
        _context = context;
        _job = job;
        _run = run;
        _key = key;
        _started = Services.GetRequiredService<TimeProvider>().GetUtcNow();
    }

    private IServiceProvider Services => _context.RequestServices;

    /// <summary>
    /// Refuses a key limited to other models (404, as OpenAI answers for a model one cannot see). Called before
    /// the run starts, so a refused request never reaches the engine.
    /// </summary>
    public static void EnsureKeyMayUse(HttpContext context, CompletionJob job)
    {
        if (context.Features.Get<ApiKeyFeature>()?.Key is { } key && !key.AllowsModel(job.Model.Id))
        {
            throw OpenAIException.ModelNotFound(job.Model.Id);
        }
    }

    /// <summary>Hooks the run's end so that it is recorded once.</summary>
    public static RequestBilling Begin(HttpContext context, CompletionJob job, CompletionRun run)
    {
        var billing = new RequestBilling(context, job, run, context.Features.Get<ApiKeyFeature>()?.Key);
        run.Completing = billing.RecordCompletedAsync;
        return billing;
    }

    private async Task RecordCompletedAsync(CancellationToken cancellationToken)
    {
        _recorded = true;
        var record = Record(RequestOutcome.Completed);
        if (Services.GetRequiredService<UsageLedger>().Writer is not { } writer)
        {
            return;
        }

        try
        {
            await writer.RecordAsync(record).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The writer logged the lost record; the client still gets the answer it waited for.
            LogNotRecorded(Services.GetRequiredService<ILogger<RequestBilling>>(), e, record.RequestId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        // Tokens generated after the last one the client read are billed too: the run ends its sequences and counts them first.
        await _run.SettleAsync(SettleTime);
        var record = Record(_context.RequestAborted.IsCancellationRequested ? RequestOutcome.Cancelled : RequestOutcome.Failed);
        if (Services.GetRequiredService<UsageLedger>().Writer is { } writer)
        {
            await writer.EnqueueAsync(record);
        }
    }

    private UsageRecord Record(RequestOutcome outcome)
    {
        var usage = _run.Usage;
        _job.Model.Metrics.GenerationEnded(usage);
        Services.GetRequiredService<KeyRateLimiter>().Charge(_key, usage.TotalTokens);
        var cost = outcome == RequestOutcome.Failed ? 0m : Services.GetRequiredService<PriceTable>().Cost(_job.Model.Id, usage);
        return new UsageRecord(_context.TraceIdentifier, _key?.Id, _job.Model.Id, _started, Services.GetRequiredService<TimeProvider>().GetUtcNow(),
            usage, _job.Choices, _run.FinishReasons, outcome, PicoUsd.FromDollars(cost));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage of request {RequestId} could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string requestId);
}
