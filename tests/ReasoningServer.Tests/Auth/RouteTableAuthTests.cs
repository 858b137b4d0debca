using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Auth;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Auth;

/// <summary>
/// Keys on every route the application maps, read from its own route table so that a new route is covered the day it
/// is added: every <c>/v1</c> route refuses missing, wrong, one-character-off and revoked keys; every route whose
/// metadata requires the admin policy refuses ordinary keys; outside <c>/v1</c> only an explicit allow-list is open.
/// </summary>
public sealed partial class RouteTableAuthTests(ApiKeyTests.Fixture server) : IClassFixture<ApiKeyTests.Fixture>
{
    /// <summary>Open on purpose: the web UI's page, files and config (they hold no data), and the probes and scrapers' endpoints.</summary>
    private static readonly string[] OpenRoutes = ["/", "/assets/{**file}", "/ui/config", "/metrics", "/health/live", "/health/ready"];

    [Fact]
    public void The_route_table_lists_the_known_routes_and_marks_the_admin_ones()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Method == "POST" && r.Pattern == "/v1/chat/completions" && !r.Admin);
        Assert.Contains(routes, r => r.Method == "DELETE" && r.Pattern == "/v1/responses/{id}" && !r.Admin);
        Assert.Contains(routes, r => r.Method == "GET" && r.Pattern == "/v1/organization/costs" && r.Admin);
        Assert.Contains(routes, r => r.Method == "GET" && r.Pattern == "/v1/organization/api_keys" && r.Admin);
        Assert.All(OpenRoutes, open => Assert.Contains(routes, r => r.Pattern == open)); // the allow-list names no route that is gone
    }

    [Fact]
    public async Task Every_v1_route_refuses_missing_wrong_one_character_off_and_revoked_keys_with_401()
    {
        var refusals = new List<(string What, AuthenticationHeaderValue? Header)>
        {
            ("no key", null),
            ("a wrong key", Bearer("sk-test-wrong-0123456789")),
            ("a revoked key", Bearer(server.RevokedSecret)),
            ("an empty bearer", new AuthenticationHeaderValue("Bearer")),
            ("a configured key as Basic", new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + AccountingServerFixture.AliceKey)))),
        };
        foreach (var (name, key) in new[] { ("configured key", AccountingServerFixture.AliceKey), ("key the verb created", server.StoredSecret), ("admin key", AccountingServerFixture.AdminKey) })
        {
            foreach (var (how, variant) in OneCharacterOff(key))
            {
                refusals.Add(($"the {name} with {how}", Bearer(variant)));
            }
        }

        var failures = new List<string>();
        var responseId = await StoredResponseAsync();
        foreach (var route in Routes().Where(r => r.Pattern.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            foreach (var (what, header) in refusals)
            {
                var (status, body) = await SendAsync(route, responseId, header);
                if (status != 401 || !IsError(body, "invalid_api_key"))
                {
                    failures.Add($"{route.Method} {route.Pattern} with {what}: {status} {body?.ToJsonString()}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Routes that let a request through:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_admin_route_refuses_ordinary_keys_with_403_and_admits_admin_keys()
    {
        var failures = new List<string>();
        var admin = Routes().Where(r => r.Admin).ToList();
        Assert.NotEmpty(admin);
        foreach (var route in admin)
        {
            foreach (var key in new[] { AccountingServerFixture.AliceKey, server.StoredSecret, ApiKeyTests.RestrictedKey })
            {
                var (status, body) = await SendAsync(route, "resp_none", Bearer(key));
                if (status != 403 || !IsError(body, "insufficient_permissions"))
                {
                    failures.Add($"{route.Method} {route.Pattern} with an ordinary key: {status} {body?.ToJsonString()}");
                }
            }

            var (adminStatus, adminBody) = await SendAsync(route, "resp_none", Bearer(AccountingServerFixture.AdminKey));
            if (adminStatus != 200)
            {
                failures.Add($"{route.Method} {route.Pattern} with the admin key: {adminStatus} {adminBody?.ToJsonString()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_ordinary_v1_route_admits_a_valid_key()
    {
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r.Pattern.StartsWith("/v1/", StringComparison.Ordinal) && !r.Admin))
        {
            foreach (var key in new[] { AccountingServerFixture.AliceKey, server.StoredSecret })
            {
                // A fresh stored response each time: the DELETE route may have removed the last one.
                var (status, body) = await SendAsync(route, await StoredResponseAsync(key), Bearer(key));
                if (status is 401 or 403 or >= 500)
                {
                    failures.Add($"{route.Method} {route.Pattern}: {status} {body?.ToJsonString()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Outside_v1_only_the_allow_listed_routes_answer_without_a_key()
    {
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !r.Pattern.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            var (status, body) = await SendAsync(route, "resp_none", null);
            if (status != 401 && !OpenRoutes.Contains(route.Pattern))
            {
                failures.Add($"{route.Method} {route.Pattern} answers {status} without a key and is not in the allow-list: {body?.ToJsonString()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private sealed record Route(string Method, string Pattern, bool Admin);

    /// <summary>Every (method, pattern) of the application's route table; admin when its metadata requires the admin policy.</summary>
    private List<Route> Routes() =>
        [.. server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().SelectMany(endpoint =>
        {
            var admin = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ApiKeyDefaults.AdminPolicy);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            return methods.Select(method => new Route(method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), admin));
        }).Distinct()];

    /// <summary>The key with one character changed, added or taken away, and in upper case.</summary>
    private static IEnumerable<(string How, string Key)> OneCharacterOff(string key)
    {
        static char Other(char c) => c == 'a' ? 'b' : 'a';
        yield return ("its last character changed", key[..^1] + Other(key[^1]));
        yield return ("its fourth character changed", key[..3] + Other(key[3]) + key[4..]);
        yield return ("a character added", key + "0");
        yield return ("its last character removed", key[..^1]);
        yield return ("upper case", key.ToUpperInvariant());
    }

    private static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);

    private static bool IsError(JsonNode? body, string code) =>
        body?["error"] is JsonObject error && (string?)error["code"] == code && (string?)error["type"] == "invalid_request_error"
        && error.ContainsKey("param") && error["message"] is not null;

    private async Task<string> StoredResponseAsync(string key = AccountingServerFixture.AliceKey)
    {
        using var http = server.HttpAs(key);
        var (status, body, _) = await HttpJson.PostAsync(http, "/v1/responses", $$"""{"model":"{{ServerFixture.ModelId}}","input":"Hi","max_output_tokens":2,"store":true}""");
        Assert.True(status == 200, body?.ToJsonString());
        return (string)body!["id"]!;
    }

    private async Task<(int Status, JsonNode? Body)> SendAsync(Route route, string responseId, AuthenticationHeaderValue? authorization)
    {
        var path = Parameter().Replace(route.Pattern, m => m.Groups["name"].Value switch
        {
            "id" when route.Pattern.StartsWith("/v1/models", StringComparison.Ordinal) => ServerFixture.ModelId,
            "id" => responseId,
            "file" => "index.js",
            _ => "x",
        });
        if (route.Pattern.StartsWith("/v1/organization/", StringComparison.Ordinal) || route.Pattern == "/v1/usage/me")
        {
            path += "?start_time=0";
        }

        using var http = server.HttpAs(null);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Headers = { Authorization = authorization } };
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(route.Pattern switch
            {
                "/v1/chat/completions" => $$"""{"model":"{{ServerFixture.ModelId}}","messages":[{"role":"user","content":"Hi"}],"max_tokens":2}""",
                "/v1/completions" => $$"""{"model":"{{ServerFixture.ModelId}}","prompt":"Hi","max_tokens":2}""",
                "/v1/responses" => $$"""{"model":"{{ServerFixture.ModelId}}","input":"Hi","max_output_tokens":2}""",
                _ => "{}",
            }, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            body = JsonNode.Parse(text);
        }

        return ((int)response.StatusCode, body);
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)[^}]*\}")]
    private static partial Regex Parameter();
}
