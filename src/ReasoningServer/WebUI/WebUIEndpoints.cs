using ReasoningServer.Accounting.Keys;
using ReasoningServer.Endpoints;
using ReasoningServer.Protocol;

namespace ReasoningServer.WebUI;

/// <summary>
/// The web UI: its page at <c>/</c> and files under <c>/assets/</c> (embedded, no key needed: they hold no data),
/// <c>/ui/config</c> (whether a key is needed), and the two extension endpoints it reads besides OpenAI's —
/// <c>/v1/status</c> and <c>/v1/organization/api_keys</c> — registered here, in a <c>/v1</c> group of their own
/// behind the same keys, so the OpenAI surface's registration stays as it is.
/// </summary>
internal static class WebUIEndpoints
{
    /// <summary>
    /// Scripts, styles and connections from this origin only (no CDN, no inline script); the page may not be framed.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapWebUI(this IEndpointRouteBuilder app)
    {
        var assets = new EmbeddedWebAssets();
        app.MapGet("/", (HttpContext context) => Serve(context, assets, "index.html"));
        app.MapGet("/assets/{**file}", (HttpContext context, string file) => Serve(context, assets, "assets/" + file));
        app.MapGet("/ui/config", (ApiKeyRing ring) =>
            TypedResults.Json(new WebUIConfigDto { AuthRequired = !ring.IsOpen }, WebUIJsonContext.Default.WebUIConfigDto));

        var v1 = app.MapGroup("/v1").RequireAuthorization();
        v1.MapStatus();
        v1.MapApiKeyList();
        return app;
    }

    private static IResult Serve(HttpContext context, EmbeddedWebAssets assets, string path)
    {
        if (assets.Find(path) is not { } asset)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        // Revalidate every time (the ETag makes that a 304): a new server version must not run an old page.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.File(asset.Content, asset.ContentType, lastModified: asset.LastModified, entityTag: asset.ETag);
    }
}
