using Microsoft.Extensions.Caching.Memory;
using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>Stored responses of a server without a ledger: in memory, bounded (the least recently used go first), lost on restart.</summary>
internal sealed class MemoryResponseStore(int capacity) : IResponseStore, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.1 });

    public Task SaveAsync(StoredResponseDto stored, string apiKeyId, CancellationToken cancellationToken)
    {
        _cache.Set(Key(stored.Response.Id, apiKeyId), stored, new MemoryCacheEntryOptions { Size = 1 });
        return Task.CompletedTask;
    }

    public Task<StoredResponseDto?> FindAsync(string id, string apiKeyId, CancellationToken cancellationToken) =>
        Task.FromResult(_cache.TryGetValue(Key(id, apiKeyId), out StoredResponseDto? stored) ? stored : null);

    public Task<bool> DeleteAsync(string id, string apiKeyId, CancellationToken cancellationToken)
    {
        var found = _cache.TryGetValue(Key(id, apiKeyId), out _);
        _cache.Remove(Key(id, apiKeyId));
        return Task.FromResult(found);
    }

    public void Dispose() => _cache.Dispose();

    private static (string, string) Key(string id, string apiKeyId) => (id, apiKeyId);
}
