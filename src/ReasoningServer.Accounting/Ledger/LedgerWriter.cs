using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ReasoningServer.Accounting.Ledger;

/// <summary>
/// The one writer of usage records. Requests hand their record over through a bounded channel and may wait
/// for its commit; the writer takes whatever has queued up (up to a batch) and inserts it in one
/// transaction, so under load many requests share one commit. A full channel makes requests wait rather
/// than drop records. Disposing drains the channel.
/// </summary>
internal sealed partial class LedgerWriter : IAsyncDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];
    private readonly LedgerStore _store;
    private readonly int _batchSize;
    private readonly ILogger<LedgerWriter> _logger;
    private readonly Channel<PendingRecord> _queue;
    private readonly Task _loop;
    private readonly Histogram<double>? _writeLag;
    private readonly Counter<long>? _lost;

    /// <param name="meter">Where to report write lag, queued and lost records; null: not measured.</param>
    public LedgerWriter(LedgerStore store, int capacity, int batchSize, ILogger<LedgerWriter> logger, Meter? meter = null)
    {
        _store = store;
        _batchSize = batchSize;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        if (meter is not null)
        {
            _writeLag = meter.CreateHistogram("reasoning_server.ledger.write_lag", "s", "Time from a usage record's hand-over to the ledger writer to its commit.",
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
            _lost = meter.CreateCounter<long>("reasoning_server.ledger.lost_records", "{record}", "Usage records that could not be written after every retry.");
            meter.CreateObservableGauge("reasoning_server.ledger.queue.records", () => _queue.Reader.Count, "{record}", "Usage records waiting for the ledger writer.");
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a record and waits for its commit; throws when it could not be written.</summary>
    public async Task RecordAsync(UsageRecord record)
    {
        var pending = new PendingRecord(record, awaited: true);
        // No cancellation: a record is written even when the request that produced it is gone.
        await _queue.Writer.WriteAsync(pending, CancellationToken.None);
        await pending.Committed!.Task;
    }

    /// <summary>Queues a record without waiting for its commit (a failure is only logged).</summary>
    public ValueTask EnqueueAsync(UsageRecord record) =>
        _queue.Writer.WriteAsync(new PendingRecord(record, awaited: false), CancellationToken.None);

    private async Task RunAsync()
    {
        var batch = new List<PendingRecord>(_batchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _batchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            var error = await WriteAsync([.. batch.Select(p => p.Record)]);
            var committed = Stopwatch.GetTimestamp();
            foreach (var pending in batch)
            {
                if (error is null)
                {
                    _writeLag?.Record(Stopwatch.GetElapsedTime(pending.Enqueued, committed).TotalSeconds);
                    pending.Committed?.TrySetResult();
                }
                else
                {
                    pending.Committed?.TrySetException(error);
                }
            }
        }
    }

    private async Task<Exception?> WriteAsync(IReadOnlyList<UsageRecord> records)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Safe to repeat: a batch that did commit before a failure is skipped by its primary keys.
                await _store.InsertAsync(records, CancellationToken.None);
                return null;
            }
            catch (Exception e) when (attempt < RetryDelays.Length)
            {
                LogRetry(e, records.Count, attempt + 1);
                await Task.Delay(RetryDelays[attempt]);
            }
            catch (Exception e)
            {
                _lost?.Add(records.Count);
                LogLost(e, records.Count, string.Join(", ", records.Select(r => r.RequestId)));
                return e;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} usage records failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} usage records could not be written and are lost: {RequestIds}")]
    private partial void LogLost(Exception exception, int count, string requestIds);

    private sealed class PendingRecord(UsageRecord record, bool awaited)
    {
        public UsageRecord Record { get; } = record;

        public long Enqueued { get; } = Stopwatch.GetTimestamp();

        /// <summary>Null when nobody waits: a fault nobody observes must not surface as an unobserved task exception.</summary>
        public TaskCompletionSource? Committed { get; } = awaited ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
    }
}
