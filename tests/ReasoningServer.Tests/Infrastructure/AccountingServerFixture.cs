using System.ClientModel;
using System.Net.Http.Headers;
using OpenAI;
using OpenAI.Chat;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// A test server with API keys, prices for the test model and a ledger database of its own, so the
/// totals a test reads back are exactly its own requests'.
/// </summary>
public abstract class AccountingServerFixture : ServerFixture
{
    public const string AdminKey = "sk-test-admin-0123456789";
    public const string AliceKey = "sk-test-alice-0123456789";
    public const string BobKey = "sk-test-bob-0123456789";
    public const string AdminId = "key_admin";
    public const string AliceId = "key_alice";
    public const string BobId = "key_bob";

    // Per million tokens; chosen so each token's cost is exact to the ledger's 10^-12 dollars.
    public const decimal InputPrice = 0.5m;
    public const decimal CachedInputPrice = 0.25m;
    public const decimal OutputPrice = 2m;
    public const decimal ReasoningPrice = 3m;

    public LedgerDatabase Ledger { get; private set; } = null!;

    protected abstract Task<LedgerDatabase> CreateLedgerAsync();

    /// <summary>Keys and settings a derived fixture adds.</summary>
    protected virtual IReadOnlyDictionary<string, string?> MoreSettings => new Dictionary<string, string?>();

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(Ledger.Settings)
            {
                // One decode thread: on a busy shared machine a second one mostly spins.
                ["Model:Threads"] = "1",
                [$"Pricing:Models:{ModelId}:Input"] = InputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"Pricing:Models:{ModelId}:CachedInput"] = CachedInputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"Pricing:Models:{ModelId}:Output"] = OutputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"Pricing:Models:{ModelId}:ReasoningOutput"] = ReasoningPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            AddKey(settings, 0, AdminId, AdminKey, admin: true);
            AddKey(settings, 1, AliceId, AliceKey, admin: false);
            AddKey(settings, 2, BobId, BobKey, admin: false);
            foreach (var (key, value) in MoreSettings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    public static void AddKey(Dictionary<string, string?> settings, int index, string id, string secret, bool admin)
    {
        settings[$"Auth:Keys:{index}:Id"] = id;
        settings[$"Auth:Keys:{index}:Name"] = id;
        settings[$"Auth:Keys:{index}:Key"] = secret;
        settings[$"Auth:Keys:{index}:Admin"] = admin ? "true" : "false";
    }

    public override async Task InitializeAsync()
    {
        Ledger = await CreateLedgerAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Ledger.DisposeAsync();
    }

    public ChatClient ChatAs(string key) =>
        new(ModelId, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(BaseAddress, "/v1") });

    /// <summary>Raw HTTP with a key (or none).</summary>
    public HttpClient HttpAs(string? key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>The price table applied to totals, as the cost endpoint must report it.</summary>
    public static decimal Cost(long input, long cached, long reasoning, long answer) =>
        ((input - cached) * InputPrice + cached * CachedInputPrice + answer * OutputPrice + reasoning * ReasoningPrice) / 1_000_000m;
}
