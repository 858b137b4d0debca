namespace ReasoningServer.Auth;

/// <summary>Names shared by the authentication handler and the endpoints that require a kind of caller.</summary>
internal static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    public const string AdminPolicy = "admin";

    public const string KeyIdClaim = "key_id";

    public const string AdminClaim = "admin";
}
