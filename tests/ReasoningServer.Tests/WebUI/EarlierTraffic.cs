using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Accounting.Ledger;
using ReasoningServer.Accounting.Pricing;
using ReasoningServer.Accounting.Usage;
using ReasoningServer.Billing;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.WebUI;

/// <summary>
/// An hour of past requests for the dashboard to draw, written through the running server's own ledger store and
/// priced by its own price table (as its writer would), plus two keys in the ledger database, one of them revoked.
/// </summary>
internal static class EarlierTraffic
{
    public const string RevokedKeyId = "key_old_laptop";

    /// <summary>Seeds the ledger; returns the id of the active ledger key, which carries some of the traffic.</summary>
    public static async Task<string> SeedAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<UsageLedger>().Store!;
        var prices = services.GetRequiredService<PriceTable>();
        var now = DateTimeOffset.UtcNow;
        var batch = new ApiKey("key_batch_jobs", "batch-jobs", ApiKeySecrets.Hash(ApiKeySecrets.NewSecret()), false,
            [WebUIServerFixture.ReasonerId], 120, 200_000);
        var laptop = new ApiKey(RevokedKeyId, "old-laptop", ApiKeySecrets.Hash(ApiKeySecrets.NewSecret()), false, [], null, null);
        await store.CreateKeyAsync(new StoredApiKey(batch, now.AddDays(-3), null), CancellationToken.None);
        await store.CreateKeyAsync(new StoredApiKey(laptop, now.AddDays(-20), null), CancellationToken.None);
        await store.RevokeKeyAsync(RevokedKeyId, now.AddDays(-2), CancellationToken.None);

        // A fixed pseudo-random day shape: busier in the middle of the hour, batch jobs every few minutes.
        var random = new Random(22);
        var records = new List<UsageRecord>();
        string[] keys = [AccountingServerFixture.AliceId, AccountingServerFixture.BobId, batch.Id, AccountingServerFixture.AliceId];
        for (var minute = 58; minute >= 3; minute--)
        {
            var requests = random.Next(0, 3) + (minute is > 20 and < 40 ? 2 : 0);
            for (var i = 0; i < requests; i++)
            {
                var key = keys[random.Next(keys.Length)];
                var prompt = random.Next(38, 120);
                var usage = new TokenUsage(prompt, random.Next(0, 2) == 0 ? 0 : prompt - 8, random.Next(60, 190), random.Next(4, 12));
                var started = now.AddMinutes(-minute).AddSeconds(random.Next(0, 50));
                records.Add(new UsageRecord($"req_seed_{minute}_{i}", key, WebUIServerFixture.ReasonerId, started, started.AddMilliseconds(random.Next(300, 900)),
                    usage, 1, ["stop"], RequestOutcome.Completed, PicoUsd.FromDollars(prices.Cost(WebUIServerFixture.ReasonerId, usage))));
            }
        }

        await store.InsertAsync(records, CancellationToken.None);
        return batch.Id;
    }
}
