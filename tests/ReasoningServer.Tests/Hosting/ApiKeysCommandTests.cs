using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Hosting;

/// <summary>The <c>keys</c> verb through the real executable: create, list, revoke, against a ledger file.</summary>
public sealed class ApiKeysCommandTests
{
    [Fact]
    public async Task Keys_are_created_listed_and_revoked_and_secrets_never_stored()
    {
        await using var ledger = LedgerDatabase.Sqlite();
        var (id, secret) = await KeysVerb.CreateAsync("ops", ["--admin", "--models", "a,b", "--rpm", "7", .. ledger.Arguments]);
        Assert.StartsWith("sk-rs-", secret, StringComparison.Ordinal);

        var (_, listed) = await KeysVerb.RunAsync(["list", .. ledger.Arguments]);
        var row = listed.Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal)).Split('\t');
        Assert.Equal(["ops", "yes", "a,b", "7", "-"], row[1..6]);
        Assert.Equal("-", row[^1].Trim());

        Assert.Equal(0, (await KeysVerb.RunAsync(["revoke", id, .. ledger.Arguments])).ExitCode);
        Assert.Equal(2, (await KeysVerb.RunAsync(["revoke", id, .. ledger.Arguments])).ExitCode);
        var (_, after) = await KeysVerb.RunAsync(["list", .. ledger.Arguments]);
        Assert.NotEqual("-", after.Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal)).Split('\t')[^1].Trim());

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(secret, System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(ledger.SqlitePath)));
    }
}
