namespace ReasoningServer.Engine.Scheduling;

/// <summary>
/// The bounded FIFO of requests waiting for slots. Unlike a channel it lets dead entries (every member
/// cancelled or past its deadline) be dropped from anywhere in the queue, so clients that gave up while
/// waiting neither hold a place nor cause a 429 for live ones.
/// </summary>
internal sealed class RequestQueue(int capacity)
{
    private readonly Lock _lock = new();
    private readonly List<GenerationGroup> _items = new(capacity);
    private readonly ManualResetEventSlim _arrived = new(false);
    private bool _closed;
    private volatile int _idleSlots;

    /// <summary>Requests that may wait for a slot beyond those that free slots take at the next step.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Requests queued now, from any thread.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Published by the engine thread each step: that many queued requests are about to be admitted, not waiting.</summary>
    public int IdleSlots
    {
        set => _idleSlots = value;
    }

    /// <summary>Adds at the tail; false when full (after dropping dead entries). Throws once closed.</summary>
    public bool TryAdd(GenerationGroup group)
    {
        lock (_lock)
        {
            if (_closed)
            {
                throw new EngineUnavailableException();
            }

            if (_items.Count >= Capacity + _idleSlots)
            {
                DropDead(System.Diagnostics.Stopwatch.GetTimestamp());
                if (_items.Count >= Capacity + _idleSlots)
                {
                    return false;
                }
            }

            _items.Add(group);
        }

        _arrived.Set();
        return true;
    }

    /// <summary>The head, if the engine thread can admit it with <paramref name="idleSlots"/> free slots; removed when taken.</summary>
    public GenerationGroup? TakeHeadIfFits(int idleSlots, long now)
    {
        lock (_lock)
        {
            // FIFO without overtaking: a request needing several slots is not starved by smaller ones behind it.
            if (_items.Count == 0 || _items[0].LiveCount(now) > idleSlots)
            {
                return null;
            }

            var head = _items[0];
            _items.RemoveAt(0);
            return head;
        }
    }

    /// <summary>Finishes and removes entries nobody waits for any more. Called each step by the engine thread.</summary>
    public void DropDead(long now)
    {
        lock (_lock)
        {
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                var group = _items[i];
                if (group.LiveCount(now) == 0)
                {
                    _items.RemoveAt(i);
                    foreach (var member in group.Members)
                    {
                        var reason = member.IsCancelled ? FinishReason.Cancelled : FinishReason.TimedOut;
                        member.Finish(new GenerationSummary(reason, member.Request.Prompt.Count, 0, 0));
                    }
                }
            }
        }
    }

    /// <summary>Blocks the engine thread until something is queued or <paramref name="stopping"/> fires.</summary>
    public void WaitForWork(CancellationToken stopping)
    {
        _arrived.Reset();
        lock (_lock)
        {
            if (_items.Count > 0)
            {
                return;
            }
        }

        try
        {
            _arrived.Wait(stopping);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>Wakes the engine thread from <see cref="Nap"/> or <see cref="WaitForWork"/> (a reader caught up, a client left).</summary>
    public void Wake() => _arrived.Set();

    /// <summary>Called by the engine thread before looking at its slots: a <see cref="Wake"/> from then on ends the next <see cref="Nap"/>.</summary>
    public void ArmWake() => _arrived.Reset();

    /// <summary>
    /// Blocks the engine thread while every busy sequence is paused: until a wake, a queued request, or
    /// <paramref name="most"/> passes (deadlines are checked at least that often).
    /// </summary>
    public void Nap(TimeSpan most, CancellationToken stopping)
    {
        try
        {
            _arrived.Wait(most, stopping);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>Refuses new entries from now on and hands back those still waiting.</summary>
    public GenerationGroup[] Close()
    {
        lock (_lock)
        {
            _closed = true;
            var rest = _items.ToArray();
            _items.Clear();
            return rest;
        }
    }
}
