using Microsoft.Extensions.Caching.Memory;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Caching;

/// <summary>
/// Prefixes evicted from slots, kept in host memory so a conversation that comes back after its slot was
/// reused still skips its history. A <see cref="MemoryCache"/> bounded in bytes holds the entries (sliding
/// expiration drops the ones nobody asks for); a small index beside it answers "longest common prefix",
/// which a key lookup cannot, and evicts the least recently used entry first when room is needed, so a new
/// entry is never silently refused as MemoryCache does when it is full.
/// </summary>
public sealed class HostPrefixCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly Lock _lock = new(); // eviction callbacks come from other threads
    private readonly Dictionary<long, SavedPrefix> _index = [];
    private readonly TimeSpan _slidingExpiration;
    private long _bytes;
    private long _nextId;
    private long _uses; // a counter, not a clock: two uses within one tick still have an order

    public HostPrefixCache(long sizeLimitBytes, TimeSpan slidingExpiration)
    {
        SizeLimit = sizeLimitBytes;
        _slidingExpiration = slidingExpiration;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });
    }

    public long SizeLimit { get; }

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>Stores a prefix, evicting the least recently used ones to make room; false if it can never fit.</summary>
    public bool Add(LlamaToken[] tokens, byte[] state)
    {
        var entry = new SavedPrefix(Interlocked.Increment(ref _nextId), tokens, state) { LastUsed = Interlocked.Increment(ref _uses) };
        if (entry.Size > SizeLimit)
        {
            return false;
        }

        lock (_lock)
        {
            while (_bytes + entry.Size > SizeLimit && LeastRecentlyUsed() is { } oldest)
            {
                Forget(oldest.Id);
            }

            // An entry that the new one extends is redundant: the new one serves every prompt it served.
            foreach (var existing in _index.Values)
            {
                if (existing.Tokens.Length <= tokens.Length && TokenPrefix.CommonLength(existing.Tokens, tokens, existing.Tokens.Length) == existing.Tokens.Length)
                {
                    Forget(existing.Id);
                    break;
                }
            }

            _index[entry.Id] = entry;
            _bytes += entry.Size;
        }

        var options = new MemoryCacheEntryOptions { Size = entry.Size, SlidingExpiration = _slidingExpiration };
        options.RegisterPostEvictionCallback(static (key, _, _, state) => ((HostPrefixCache)state!).RemoveFromIndex((long)key), this);
        _cache.Set(entry.Id, entry, options);
        return true;
    }

    /// <summary>The entry sharing the longest prefix with <paramref name="prompt"/> (at most <paramref name="limit"/> tokens), or null.</summary>
    public (SavedPrefix? Entry, int Length) FindLongest(IReadOnlyList<LlamaToken> prompt, int limit)
    {
        SavedPrefix? best = null;
        var bestLength = 0;
        lock (_lock)
        {
            foreach (var entry in _index.Values)
            {
                var length = TokenPrefix.CommonLength(entry.Tokens, prompt, limit);
                if (length > bestLength)
                {
                    (best, bestLength) = (entry, length);
                }
            }
        }

        // Touching it through the cache slides its expiration; an entry that expired meanwhile is gone.
        if (best is null || !_cache.TryGetValue(best.Id, out _))
        {
            return (null, 0);
        }

        best.LastUsed = Interlocked.Increment(ref _uses);
        return (best, bestLength);
    }

    /// <summary>Removes an entry, e.g. once it has been restored into a slot (it lives there now).</summary>
    public void Remove(SavedPrefix entry)
    {
        lock (_lock)
        {
            Forget(entry.Id);
        }
    }

    public void Dispose() => _cache.Dispose();

    private SavedPrefix? LeastRecentlyUsed()
    {
        SavedPrefix? oldest = null;
        foreach (var entry in _index.Values)
        {
            if (oldest is null || entry.LastUsed < oldest.LastUsed)
            {
                oldest = entry;
            }
        }

        return oldest;
    }

    // Caller holds the lock.
    private void Forget(long id)
    {
        if (_index.Remove(id, out var entry))
        {
            _bytes -= entry.Size;
        }

        _cache.Remove(id);
    }

    private void RemoveFromIndex(long id)
    {
        lock (_lock)
        {
            if (_index.Remove(id, out var entry))
            {
                _bytes -= entry.Size;
            }
        }
    }
}
