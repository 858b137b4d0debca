using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Auth;

/// <summary>
/// API key secrets exist only as SHA-256 hashes in the ledger database and never in the server's log, even at Debug
/// level: configured keys, keys the <c>keys</c> verb created before the start and while the server runs, each used for
/// generation, stored responses and usage, and near misses of each presented as wrong keys.
/// </summary>
public sealed class SecretStorageTests : IDisposable
{
    private const string ConfiguredKey = "sk-test-secret-configured-8f3a1c9d2e";
    private const string SecondConfiguredKey = "sk-test-secret-second-4b7e0a6f1d";
    private readonly TinyModelFolder _models = new("reasoningserver-secrets-");

    public void Dispose() => _models.Dispose();

    [Fact]
    public Task Sqlite_file_and_log_hold_no_key_secret() => AssertNoSecretStoredAsync("Sqlite");

    [PostgresFact]
    public Task Postgres_tables_and_log_hold_no_key_secret() => AssertNoSecretStoredAsync("Postgres");

    private async Task AssertNoSecretStoredAsync(string provider)
    {
        await using var ledger = await LedgerDatabase.CreateAsync(provider);
        var (_, before) = await KeysVerb.CreateAsync("before-start", ledger.Arguments);
        var (_, adminBefore) = await KeysVerb.CreateAsync("admin-before-start", ["--admin", .. ledger.Arguments]);
        string log;
        var stored = new List<string> { before, adminBefore };
        using (var server = await ServerExecutable.StartAsync(_models.ModelPath, ConfiguredKey,
            [.. ledger.Arguments, "--Auth:RefreshSeconds=1", "--Auth:Keys:0:Id=key_second", "--Auth:Keys:0:Name=second", "--Auth:Keys:0:Key=" + SecondConfiguredKey,
                "--Serilog:MinimumLevel:Default=Debug", "--Serilog:MinimumLevel:Override:Microsoft.AspNetCore=Debug",
                "--Serilog:MinimumLevel:Override:ReasoningServer.Auth.ApiKeyAuthenticationHandler=Debug"]))
        {
            var (_, whileRunning) = await KeysVerb.CreateAsync("while-running", ledger.Arguments);
            stored.Add(whileRunning);
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (await StatusAsync(server, whileRunning, "/v1/models") != 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            foreach (var secret in stored.Append(ConfiguredKey).Append(SecondConfiguredKey))
            {
                Assert.Equal(200, await StatusAsync(server, secret, "/v1/chat/completions",
                    $$"""{"model":"{{ServerFixture.ModelId}}","messages":[{"role":"user","content":"Hi"}],"max_tokens":4}"""));
                Assert.Equal(200, await StatusAsync(server, secret, "/v1/responses", $$"""{"model":"{{ServerFixture.ModelId}}","input":"Hi","max_output_tokens":4,"store":true}"""));
                Assert.Equal(200, await StatusAsync(server, secret, "/v1/usage/me?start_time=0"));
                Assert.Equal(401, await StatusAsync(server, NearMiss(secret), "/v1/models"));
            }

            await Task.Delay(500); // the last lines reach the captured output
            log = server.Process.Output;
        }

        Assert.Contains("/v1/chat/completions", log, StringComparison.Ordinal); // the log was captured, at Debug level
        var secrets = stored.Concat([ConfiguredKey, SecondConfiguredKey]).ToList();
        foreach (var secret in secrets)
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the log holds a key secret:\n{log}");
            Assert.False(log.Contains(NearMiss(secret), StringComparison.Ordinal), "the log holds a presented (wrong) key");
        }

        await ledger.WaitForWritersGoneAsync();
        var database = await DatabaseTextAsync(ledger);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, database, StringComparison.Ordinal));
        // What the database does hold is each stored key's hash (configured keys are not stored at all).
        Assert.All(stored, secret => Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), database, StringComparison.Ordinal));
    }

    /// <summary>The whole database as text: every byte of the SQLite files (with its WAL), or every row of every PostgreSQL table.</summary>
    private static async Task<string> DatabaseTextAsync(LedgerDatabase ledger)
    {
        if (ledger.Provider != "Postgres")
        {
            var folder = Path.GetDirectoryName(ledger.SqlitePath)!;
            return string.Concat(Directory.GetFiles(folder).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        }

        var text = new StringBuilder();
        await using var connection = await ledger.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("api_keys", tables);
        foreach (var table in tables)
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT t::text FROM \"{table}\" t";
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }

    private static string NearMiss(string secret) => secret[..^1] + (secret[^1] == 'x' ? 'y' : 'x');

    private static async Task<int> StatusAsync(ServerExecutable server, string key, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await server.Http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
