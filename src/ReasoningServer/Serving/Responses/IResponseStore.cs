using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>Stored responses, each visible only to the API key that created it ("" on an open server).</summary>
internal interface IResponseStore
{
    Task SaveAsync(StoredResponseDto stored, string apiKeyId, CancellationToken cancellationToken);

    /// <returns>Null when <paramref name="apiKeyId"/> has no response of that id, whoever else might.</returns>
    Task<StoredResponseDto?> FindAsync(string id, string apiKeyId, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, string apiKeyId, CancellationToken cancellationToken);
}
