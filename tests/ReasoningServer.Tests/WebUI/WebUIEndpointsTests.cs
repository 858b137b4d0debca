using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;
using ReasoningServer.WebUI;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

namespace ReasoningServer.Tests.WebUI;

/// <summary>
/// The web UI's HTTP surface on the real server: the embedded files (open, holding no data, cacheable), the
/// key question <c>/ui/config</c>, and the extensions <c>/v1/status</c> and <c>/v1/organization/api_keys</c>.
/// </summary>
[Collection(WebUICollection.Name)]
public sealed class WebUIEndpointsTests(WebUIServerFixture server)
{
    [Fact]
    public async Task The_page_and_its_files_are_served_without_a_key_with_a_strict_policy_and_revalidated_by_etag()
    {
        using var anonymous = server.HttpAs(null);
        using var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/js/main.js");
        using var first = await anonymous.GetAsync("/assets/js/main.js");
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

        using var missing = await anonymous.GetAsync("/assets/js/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        ErrorShape.AssertIsError(await missing.Content.ReadFromJsonAsync<JsonNode>(), "invalid_request_error", null, "unknown_url");

        // The files hold no data: no key, no key id, no model name of this server is in any of them.
        foreach (var path in new EmbeddedWebAssets().Paths)
        {
            var text = await anonymous.GetStringAsync(path == "index.html" ? "/" : "/" + path);
            foreach (var secret in new[] { AdminKey, AliceKey, AliceId, BobId, "key_admin" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Ui_config_says_a_key_is_needed_and_v1_status_answers_only_with_one()
    {
        using var anonymous = server.HttpAs(null);
        Assert.Equal("""{"auth_required":true}""", await anonymous.GetStringAsync("/ui/config"));
        using var refused = await anonymous.GetAsync("/v1/status");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var alice = server.HttpAs(AliceKey);
        var before = await alice.GetFromJsonAsync<JsonNode>("/v1/status");
        var (status, body, _) = await HttpJson.PostAsync(alice, "/v1/chat/completions", new JsonObject
        {
            ["model"] = WebUIServerFixture.ReasonerId, ["temperature"] = 0,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is 604 + 17?" }),
        });
        Assert.Equal(200, status);
        var after = (await alice.GetFromJsonAsync<JsonNode>("/v1/status"))!;

        Assert.Equal("server.status", (string?)after["object"]);
        Assert.InRange((long)after["time_ms"]!, (long)before!["time_ms"]!, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(WebUIServerFixture.ReasonerId, (string?)after["model"]!["id"]);
        Assert.Equal(WebUIServerFixture.ContextSize, (int)after["model"]!["context_length"]!);
        Assert.Equal("think", (string?)after["model"]!["reasoning_format"]);
        var pricing = after["model"]!["pricing"]!;
        Assert.Equal((InputPrice, CachedInputPrice, OutputPrice, ReasoningPrice),
            ((decimal)pricing["input"]!, (decimal)pricing["cached_input"]!, (decimal)pricing["output"]!, (decimal)pricing["reasoning_output"]!));
        Assert.Equal((WebUIServerFixture.Slots, 0), ((int)after["slots"]!["total"]!, (int)after["slots"]!["busy"]!));
        Assert.Equal(0, (int)after["queue_depth"]!);
        Assert.Equal(WebUIServerFixture.ContextSize, (long)after["kv_cache"]!["cells"]!);
        Assert.True((long)after["kv_cache"]!["tokens"]! > 0, "the conversation's prefix stays cached");
        Assert.Equal((double)(long)after["kv_cache"]!["tokens"]! / WebUIServerFixture.ContextSize, (double)after["kv_cache"]!["usage"]!, 9);
        // Every generated token is counted as it reaches its request: exactly the request's completion tokens.
        Assert.Equal((long)body!["usage"]!["completion_tokens"]!, (long)after["tokens"]!["generated"]! - (long)before["tokens"]!["generated"]!);
        Assert.Equal(1, (long)after["tokens"]!["sequences"]! - (long)before["tokens"]!["sequences"]!);
        Assert.Equal(AliceId, (string?)after["caller"]!["key_id"]);
        Assert.Equal("alice", (string?)after["caller"]!["name"]);
        Assert.False((bool)after["caller"]!["admin"]!);

        using var admin = server.HttpAs(AdminKey);
        Assert.True((bool)(await admin.GetFromJsonAsync<JsonNode>("/v1/status"))!["caller"]!["admin"]!);
    }

    [Fact]
    public async Task The_key_list_is_for_admin_keys_and_names_ids_and_permissions_never_secrets()
    {
        using var alice = server.HttpAs(AliceKey);
        using var forbidden = await alice.GetAsync("/v1/organization/api_keys");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        ErrorShape.AssertIsError(await forbidden.Content.ReadFromJsonAsync<JsonNode>(), "invalid_request_error", null, "insufficient_permissions");

        using var admin = server.HttpAs(AdminKey);
        var text = await admin.GetStringAsync("/v1/organization/api_keys");
        var list = JsonNode.Parse(text)!;
        Assert.Equal("list", (string?)list["object"]);
        var configured = list["data"]!.AsArray().Where(k => (string?)k!["source"] == "configuration").ToList();
        Assert.Equal([AdminId, AliceId, BobId], configured.Select(k => (string?)k!["id"]));
        Assert.Equal(["ops-admin", "alice", "bob"], configured.Select(k => (string?)k!["name"]));
        Assert.Equal([true, false, false], configured.Select(k => (bool)k!["admin"]!));
        Assert.All(configured, k => Assert.Equal("organization.api_key", (string?)k!["object"]));
        Assert.All(configured, k => Assert.Null(k!["created_at"]));
        foreach (var secret in new[] { AdminKey, AliceKey, BobKey, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("sk-test-alice-0123456789"u8)) })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
