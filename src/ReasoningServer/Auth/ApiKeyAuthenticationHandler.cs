using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Errors;

namespace ReasoningServer.Auth;

/// <summary>
/// <c>Authorization: Bearer KEY</c> against the key ring. A server without keys lets everyone in as an
/// admin (it warned at start). Refusals are written in OpenAI's shape: 401 <c>invalid_api_key</c>, and
/// 403 <c>insufficient_permissions</c> for an ordinary key on an admin endpoint.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing ring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ring.IsOpen)
        {
            return Task.FromResult(Success(null));
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(ring.Authenticate(header[BearerPrefix.Length..].Trim()) is { } key
            ? Success(key)
            : AuthenticateResult.Fail("Incorrect API key."));
    }

    private AuthenticateResult Success(ApiKey? key)
    {
        Context.Features.Set(new ApiKeyFeature(key));
        var claims = new List<Claim>();
        if (key is not null)
        {
            claims.Add(new Claim(ApiKeyDefaults.KeyIdClaim, key.Id));
            claims.Add(new Claim(ClaimTypes.Name, key.Name));
        }

        if (key is null || key.IsAdmin)
        {
            claims.Add(new Claim(ApiKeyDefaults.AdminClaim, "true"));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var message = Request.Headers.Authorization.Count == 0
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            : "Incorrect API key provided. Ask the server's operator for a key (they create them with the server's `keys create` command).";
        Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorWriter.WriteAsync(Context,
            new OpenAIException(StatusCodes.Status401Unauthorized, "invalid_request_error", message, null, "invalid_api_key"), Context.RequestAborted);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorWriter.WriteAsync(Context,
            new OpenAIException(StatusCodes.Status403Forbidden, "invalid_request_error",
                "This endpoint needs an admin key; your key is not one.", null, "insufficient_permissions"), Context.RequestAborted);
}
