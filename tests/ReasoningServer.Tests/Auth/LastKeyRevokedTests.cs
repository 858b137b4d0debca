using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Auth;

/// <summary>
/// A server whose only keys live in the ledger database (none configured) stays closed when the last of them is
/// revoked while it runs: the revoked key and no key at all are refused alike. (It used to count the keys left and,
/// finding none, open every endpoint to anyone as an admin.)
/// </summary>
public sealed class LastKeyRevokedTests(LastKeyRevokedTests.Fixture server) : IClassFixture<LastKeyRevokedTests.Fixture>
{
    [Fact]
    public async Task Revoking_the_only_key_while_the_server_runs_locks_everyone_out()
    {
        Assert.Equal(200, await StatusAsync("/v1/models", server.Secret));
        Assert.Equal(401, await StatusAsync("/v1/models", null));

        var (exitCode, output) = await KeysVerb.RunAsync(["revoke", server.KeyId, .. server.Ledger.Arguments]);
        Assert.True(exitCode == 0, output);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await StatusAsync("/v1/models", server.Secret) != 401 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200); // the server reloads the database's keys every Auth:RefreshSeconds
        }

        Assert.Equal(401, await StatusAsync("/v1/models", server.Secret));
        foreach (var path in new[] { "/v1/models", "/v1/organization/usage/completions?start_time=0", "/v1/usage/me?start_time=0" })
        {
            Assert.True(await StatusAsync(path, null) == 401, $"{path} without a key after the last key was revoked");
        }

        var config = JsonNode.Parse(await server.Http.GetStringAsync("/ui/config"))!;
        Assert.True((bool)config["auth_required"]!, config.ToJsonString());
    }

    private async Task<int> StatusAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await server.Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>No configured key; one key created with the verb in the ledger before the server starts; keys reloaded every second.</summary>
    public sealed class Fixture : ServerFixture
    {
        public LedgerDatabase Ledger { get; private set; } = null!;

        public string KeyId { get; private set; } = null!;

        public string Secret { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(Ledger.Settings) { ["Auth:RefreshSeconds"] = "1" };

        public override async Task InitializeAsync()
        {
            Ledger = LedgerDatabase.Sqlite();
            (KeyId, Secret) = await KeysVerb.CreateAsync("only", Ledger.Arguments);
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Ledger.DisposeAsync();
        }
    }
}
