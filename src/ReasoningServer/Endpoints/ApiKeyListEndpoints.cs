using ReasoningServer.Accounting.Keys;
using ReasoningServer.Auth;
using ReasoningServer.Billing;
using ReasoningServer.Protocol;

namespace ReasoningServer.Endpoints;

/// <summary>
/// Extension, <c>GET /v1/organization/api_keys</c> (admin keys): every key the server knows — from configuration
/// and from the ledger database, revoked ones included — with its id, name and permissions. Secrets are never
/// kept, and the hashes are not listed either.
/// </summary>
internal static class ApiKeyListEndpoints
{
    public const string Configuration = "configuration";
    public const string Ledger = "ledger";

    public static IEndpointRouteBuilder MapApiKeyList(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/organization/api_keys", ListAsync).RequireAuthorization(ApiKeyDefaults.AdminPolicy);
        return v1;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiKeyRing ring, UsageLedger ledger)
    {
        var stored = ledger.Store is { } store ? await store.ListKeysAsync(context.RequestAborted) : [];
        var keys = ring.Configured.Select(k => ToDto(k, Configuration, null, null))
            .Concat(stored.Select(s => ToDto(s.Key, Ledger, s.CreatedAt, s.RevokedAt)));
        return TypedResults.Json(new ApiKeyListDto { Data = [.. keys] }, WebUIJsonContext.Default.ApiKeyListDto);
    }

    private static ApiKeyDto ToDto(ApiKey key, string source, DateTimeOffset? created, DateTimeOffset? revoked) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Admin = key.IsAdmin,
        Models = key.Models,
        RequestsPerMinute = key.RequestsPerMinute,
        TokensPerMinute = key.TokensPerMinute,
        Source = source,
        CreatedAt = created?.ToUnixTimeSeconds(),
        RevokedAt = revoked?.ToUnixTimeSeconds(),
    };
}
