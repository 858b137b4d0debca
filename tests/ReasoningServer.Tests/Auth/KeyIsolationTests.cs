using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

namespace ReasoningServer.Tests.Auth;

/// <summary>
/// A key sees only its own: another key's stored response is answered exactly like one that does not exist, on every
/// route that takes a response id, and <c>/v1/usage/me</c> reports the caller's usage whatever filters it asks for.
/// </summary>
public sealed class KeyIsolationTests(SqliteAccountingFixture server) : IClassFixture<SqliteAccountingFixture>
{
    [Fact]
    public async Task Another_keys_stored_response_is_answered_as_missing_on_every_route()
    {
        using var alice = server.HttpAs(AliceKey);
        using var bob = server.HttpAs(BobKey);
        var (status, created, _) = await HttpJson.PostAsync(alice, "/v1/responses", $$"""{"model":"{{ServerFixture.ModelId}}","input":"What is 1 + 2?","max_output_tokens":8,"store":true}""");
        Assert.True(status == 200, created?.ToJsonString());
        var id = (string)created!["id"]!;
        const string Missing = "resp_0123456789abcdef0123456789abcdef";

        foreach (var (method, path) in new[] { ("GET", "/v1/responses/{0}"), ("GET", "/v1/responses/{0}/input_items"), ("POST", "/v1/responses/{0}/cancel"), ("DELETE", "/v1/responses/{0}") })
        {
            var (theirs, theirsBody) = await SendAsync(bob, method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id));
            var (none, noneBody) = await SendAsync(bob, method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Missing));
            Assert.True(theirs == 404, $"{method} {path} of another key's response: {theirs} {theirsBody?.ToJsonString()}");
            ErrorShape.AssertIsError(theirsBody, "invalid_request_error", null, "response_not_found");
            Assert.Equal(none, theirs);
            Assert.Equal(noneBody!.ToJsonString().Replace(Missing, "ID", StringComparison.Ordinal), theirsBody!.ToJsonString().Replace(id, "ID", StringComparison.Ordinal));
        }

        var (continued, continuedBody, _) = await HttpJson.PostAsync(bob, "/v1/responses", $$"""{"model":"{{ServerFixture.ModelId}}","input":"x","previous_response_id":"{{id}}"}""");
        var (unknown, unknownBody, _) = await HttpJson.PostAsync(bob, "/v1/responses", $$"""{"model":"{{ServerFixture.ModelId}}","input":"x","previous_response_id":"{{Missing}}"}""");
        Assert.Equal((400, 400), (continued, unknown));
        ErrorShape.AssertIsError(continuedBody, "invalid_request_error", "previous_response_id", "previous_response_not_found");
        Assert.Equal(unknownBody!.ToJsonString().Replace(Missing, "ID", StringComparison.Ordinal), continuedBody!.ToJsonString().Replace(id, "ID", StringComparison.Ordinal));

        // Bob's DELETE removed nothing: Alice still reads her response.
        var (read, _) = await SendAsync(alice, "GET", $"/v1/responses/{id}");
        Assert.Equal(200, read);
    }

    [Fact]
    public async Task Usage_me_reports_the_callers_usage_whatever_keys_it_filters_or_groups_by()
    {
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        using var alice = server.HttpAs(AliceKey);
        using var bob = server.HttpAs(BobKey);
        foreach (var (http, tokens) in new[] { (alice, 4), (bob, 12), (bob, 12) })
        {
            var (status, body, _) = await HttpJson.PostAsync(http, "/v1/chat/completions",
                $$"""{"model":"{{ServerFixture.ModelId}}","messages":[{"role":"user","content":"Hi"}],"max_tokens":{{tokens}}}""");
            Assert.True(status == 200, body?.ToJsonString());
        }

        var rows = await server.Ledger.ReadAllAsync();
        foreach (var (http, keyId) in new[] { (alice, AliceId), (bob, BobId) })
        {
            var own = rows.Where(r => r.ApiKeyId == keyId && r.StartedAtMs >= since * 1000).ToList();
            var other = keyId == AliceId ? BobId : AliceId;
            foreach (var query in new[] { string.Empty, $"&api_key_ids={other}", $"&api_key_ids={other}&group_by=api_key_id", "&group_by=api_key_id", $"&api_key_ids[]={other}" })
            {
                var page = JsonNode.Parse(await http.GetStringAsync($"/v1/usage/me?start_time={since}{query}"))!;
                var results = page["data"]!.AsArray().SelectMany(b => b!["results"]!.AsArray()).ToList();
                Assert.All(results, r => Assert.Contains((string?)r!["api_key_id"], new[] { null, keyId }));
                Assert.Equal((own.Count, own.Sum(r => (long)r.PromptTokens), own.Sum(r => (long)r.CompletionTokens)),
                    (results.Sum(r => (int)r!["num_model_requests"]!), results.Sum(r => (long)r!["input_tokens"]!), results.Sum(r => (long)r!["output_tokens"]!)));
            }
        }
    }

    private static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient http, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
