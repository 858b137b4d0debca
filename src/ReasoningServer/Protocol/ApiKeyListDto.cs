namespace ReasoningServer.Protocol;

/// <summary>Extension, <c>GET /v1/organization/api_keys</c>: the keys the server knows, never their secrets or hashes.</summary>
internal sealed class ApiKeyListDto
{
    public string Object => "list";

    public required IReadOnlyList<ApiKeyDto> Data { get; init; }

    public bool HasMore => false;
}
