using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Billing;
using ReasoningServer.Options;

namespace ReasoningServer.Hosting;

/// <summary>
/// <c>keys create NAME [--admin] [--models a,b] [--rpm N] [--tpm N]</c>, <c>keys list</c>, <c>keys revoke ID</c>:
/// API keys in the ledger database the server is configured with (the same settings and flags, e.g.
/// <c>--data-dir</c>). The secret is shown once, at creation; only its SHA-256 is stored.
/// </summary>
internal static class ApiKeysCommand
{
    public const string Verb = "keys";

    private const string Usage = """
        Usage: keys create NAME [--admin] [--models m1,m2] [--rpm N] [--tpm N]
               keys list
               keys revoke KEY_ID
        Settings as for the server, e.g. --data-dir DIR, or --ledger-provider Postgres --ledger-connection "Host=…".
        """;

    private static readonly string[] Flags = ["--admin"];
    private static readonly string[] VerbOptions = ["--models", "--rpm", "--tpm"];

    public static async Task<int> RunAsync(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (Flags.Contains(args[i]))
            {
                options[args[i]] = "true";
            }
            else if (VerbOptions.Contains(args[i]) && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else if (args[i].StartsWith('-') && i + 1 < args.Length)
            {
                settings.Add(args[i]);
                settings.Add(args[++i]);
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings], CommandLineSwitches.Mappings)
            .Build();
        var ledgerOptions = configuration.GetSection(LedgerOptions.Section).Get<LedgerOptions>() ?? new LedgerOptions();
        try
        {
            await using var ledger = new UsageLedger(Microsoft.Extensions.Options.Options.Create(ledgerOptions), NullLogger<Accounting.Ledger.LedgerWriter>.Instance);
            if (ledger.Store is not { } store)
            {
                return Fail("Keys live in the ledger database, and Ledger:Provider is None.");
            }

            await store.MigrateAsync(CancellationToken.None);
            return positional switch
            {
                ["create", var name] => await CreateAsync(store, name, options),
                ["list"] => await ListAsync(store),
                ["revoke", var id] => await store.RevokeKeyAsync(id, DateTimeOffset.UtcNow, CancellationToken.None)
                    ? Done($"Revoked {id}.")
                    : Fail($"No active key with id '{id}'."),
                _ => Fail(Usage),
            };
        }
        catch (Exception e) when (e is OptionsValidationException or System.Data.Common.DbException or FormatException)
        {
            return Fail(e.Message);
        }
    }

    private static async Task<int> CreateAsync(Accounting.Ledger.LedgerStore store, string name, Dictionary<string, string> options)
    {
        int? Number(string option) => options.TryGetValue(option, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        var secret = ApiKeySecrets.NewSecret();
        var models = options.TryGetValue("--models", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var key = new ApiKey(ApiKeySecrets.NewId(), name, ApiKeySecrets.Hash(secret), options.ContainsKey("--admin"), models, Number("--rpm"), Number("--tpm"));
        await store.CreateKeyAsync(new StoredApiKey(key, DateTimeOffset.UtcNow, null), CancellationToken.None);
        Console.WriteLine($"Created {key.Id} ({name}{(key.IsAdmin ? ", admin" : string.Empty)}). The secret is shown this once:");
        Console.WriteLine(secret);
        return 0;
    }

    private static async Task<int> ListAsync(Accounting.Ledger.LedgerStore store)
    {
        Console.WriteLine("id\tname\tadmin\tmodels\trpm\ttpm\tcreated\trevoked");
        foreach (var (key, created, revoked) in await store.ListKeysAsync(CancellationToken.None))
        {
            Console.WriteLine(string.Join('\t', key.Id, key.Name, key.IsAdmin ? "yes" : "no", key.Models.Count == 0 ? "*" : string.Join(',', key.Models),
                key.RequestsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "-", key.TokensPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "-",
                created.ToString("u", CultureInfo.InvariantCulture), revoked?.ToString("u", CultureInfo.InvariantCulture) ?? "-"));
        }

        return 0;
    }

    private static int Done(string message)
    {
        Console.WriteLine(message);
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
