using System.Text.Json;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>Stored responses in the ledger database (SQLite, or PostgreSQL shared by replicas), as JSON.</summary>
internal sealed class LedgerResponseStore(LedgerStore store, TimeProvider time) : IResponseStore
{
    public Task SaveAsync(StoredResponseDto stored, string apiKeyId, CancellationToken cancellationToken) =>
        store.SaveResponseAsync(stored.Response.Id, apiKeyId, time.GetUtcNow(),
            JsonSerializer.Serialize(stored, ResponsesJson.Context.StoredResponseDto), cancellationToken);

    public async Task<StoredResponseDto?> FindAsync(string id, string apiKeyId, CancellationToken cancellationToken) =>
        await store.FindResponseAsync(id, apiKeyId, cancellationToken) is { } body
            ? JsonSerializer.Deserialize(body, ResponsesJson.Context.StoredResponseDto)
            : null;

    public Task<bool> DeleteAsync(string id, string apiKeyId, CancellationToken cancellationToken) =>
        store.DeleteResponseAsync(id, apiKeyId, cancellationToken);
}
