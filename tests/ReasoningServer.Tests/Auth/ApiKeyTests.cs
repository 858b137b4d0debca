using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Auth;

/// <summary>
/// Every /v1 endpoint behind the keys: configured ones, and ones the <c>keys</c> verb created (and
/// revoked) in the ledger database before the server started.
/// </summary>
public sealed class ApiKeyTests(ApiKeyTests.Fixture server) : IClassFixture<ApiKeyTests.Fixture>
{
    public const string RestrictedKey = "sk-test-restricted-0123456789";

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/v1/models" },
        { "GET", $"/v1/models/{ServerFixture.ModelId}" },
        { "POST", "/v1/chat/completions" },
        { "POST", "/v1/completions" },
        { "GET", "/v1/organization/usage/completions?start_time=0" },
        { "GET", "/v1/organization/costs?start_time=0" },
        { "GET", "/v1/usage/me?start_time=0" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Missing_wrong_and_revoked_keys_get_401_invalid_api_key(string method, string path)
    {
        foreach (var (what, header) in new[]
        {
            ("missing", (AuthenticationHeaderValue?)null),
            ("wrong", new AuthenticationHeaderValue("Bearer", "sk-test-wrong-0123456789")),
            ("revoked", new AuthenticationHeaderValue("Bearer", server.RevokedSecret)),
            ("not bearer", new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + AccountingServerFixture.AliceKey)))),
        })
        {
            var (status, body) = await SendAsync(method, path, header);
            Assert.True(status == 401, $"{what} key on {method} {path}: {status} {body?.ToJsonString()}");
            ErrorShape.AssertIsError(body, "invalid_request_error", null, "invalid_api_key");
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_admin_key_is_accepted_everywhere(string method, string path)
    {
        var (status, body) = await SendAsync(method, path, new AuthenticationHeaderValue("Bearer", AccountingServerFixture.AdminKey));
        Assert.True(status == 200, $"{method} {path}: {status} {body?.ToJsonString()}");
    }

    [Theory]
    [InlineData("/v1/organization/usage/completions?start_time=0")]
    [InlineData("/v1/organization/costs?start_time=0")]
    public async Task Admin_endpoints_refuse_ordinary_keys_with_403(string path)
    {
        foreach (var key in new[] { AccountingServerFixture.AliceKey, server.StoredSecret })
        {
            var (status, body) = await SendAsync("GET", path, new AuthenticationHeaderValue("Bearer", key));
            Assert.Equal(403, status);
            ErrorShape.AssertIsError(body, "invalid_request_error", null, "insufficient_permissions");
        }

        var (own, _) = await SendAsync("GET", "/v1/usage/me?start_time=0", new AuthenticationHeaderValue("Bearer", AccountingServerFixture.AliceKey));
        Assert.Equal(200, own);
    }

    [Fact]
    public async Task The_official_client_works_with_a_configured_key_and_with_one_the_verb_created()
    {
        foreach (var key in new[] { AccountingServerFixture.AliceKey, server.StoredSecret })
        {
            ChatCompletion completion = await server.ChatAs(key).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 8 });
            Assert.True(completion.Usage.OutputTokenCount > 0);
        }

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => server.ChatAs("sk-test-wrong-0123456789").CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task A_key_limited_to_other_models_cannot_use_this_one()
    {
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => server.ChatAs(RestrictedKey).CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(404, refused.Status);
        Assert.Contains("model_not_found", refused.GetRawResponse()!.Content.ToString());
    }

    private async Task<(int Status, JsonNode? Body)> SendAsync(string method, string path, AuthenticationHeaderValue? authorization)
    {
        using var http = server.HttpAs(null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Headers = { Authorization = authorization } };
        if (method == "POST")
        {
            request.Content = new StringContent(path.Contains("chat", StringComparison.Ordinal)
                ? $$"""{"model":"{{ServerFixture.ModelId}}","messages":[{"role":"user","content":"Hi"}],"max_tokens":4}"""
                : $$"""{"model":"{{ServerFixture.ModelId}}","prompt":"Hi","max_tokens":4}""", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Configured keys, a key created with the verb, one created and revoked with it, and one limited to another model.</summary>
    public sealed class Fixture : SqliteAccountingFixture
    {
        public string StoredSecret { get; private set; } = null!;

        public string RevokedSecret { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> MoreSettings
        {
            get
            {
                var settings = new Dictionary<string, string?>();
                AddKey(settings, 3, "key_restricted", RestrictedKey, admin: false);
                settings["Auth:Keys:3:Models:0"] = "some-other-model";
                return settings;
            }
        }

        protected override async Task<LedgerDatabase> CreateLedgerAsync()
        {
            var ledger = await base.CreateLedgerAsync();
            (_, StoredSecret) = await KeysVerb.CreateAsync("carol", ledger.Arguments);
            (var revokedId, RevokedSecret) = await KeysVerb.CreateAsync("dave", ledger.Arguments);
            var (exitCode, output) = await KeysVerb.RunAsync(["revoke", revokedId, .. ledger.Arguments]);
            Assert.True(exitCode == 0, output);
            return ledger;
        }
    }
}
