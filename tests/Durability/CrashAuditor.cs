using System.Net;
using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Durability;

/// <summary>Checks, after a kill and a restart, the ledger and the stored responses against what the clients saw.</summary>
public static class CrashAuditor
{
    public static async Task<LedgerAudit> AuditLedgerAsync(LedgerDatabase ledger, IReadOnlyCollection<SeenCompletion> seen)
    {
        var integrity = await ledger.IntegrityCheckAsync();
        var rows = await ledger.ReadAllAsync();
        var duplicates = rows.GroupBy(r => r.RequestId).Sum(g => g.Count() - 1);
        var byId = rows.GroupBy(r => r.RequestId).ToDictionary(g => g.Key, g => g.First());
        int found = 0, matching = 0;
        var mismatches = new List<string>();
        foreach (var client in seen)
        {
            if (!byId.TryGetValue(client.RequestId, out var row))
            {
                mismatches.Add($"{client.Kind} {client.RequestId}: seen complete, not in the ledger");
                continue;
            }

            found++;
            var recorded = (row.PromptTokens, row.CachedTokens, row.ReasoningTokens, row.CompletionTokens);
            var received = (client.PromptTokens, client.CachedTokens, client.ReasoningTokens, client.CompletionTokens);
            if (recorded == received && row.Outcome == "completed")
            {
                matching++;
            }
            else
            {
                mismatches.Add($"{client.Kind} {client.RequestId}: client saw (prompt, cached, reasoning, completion) {received}, ledger has {recorded} {row.Outcome}");
            }
        }

        return new LedgerAudit(seen.Count, found, matching, mismatches, duplicates, integrity);
    }

    /// <summary>The stored responses among <paramref name="seen"/> that the restarted server cannot give back complete, with the usage seen.</summary>
    public static async Task<List<string>> MissingStoredResponsesAsync(HttpClient http, IEnumerable<SeenCompletion> seen)
    {
        var missing = new List<string>();
        foreach (var client in seen.Where(s => s.ResponseId is not null))
        {
            using var response = await http.GetAsync($"/v1/responses/{client.ResponseId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{client.ResponseId}: {(int)response.StatusCode}");
                continue;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var usage = MixedLoad.ResponseUsage(body["usage"]);
            if ((string?)body["status"] is not ("completed" or "incomplete") || usage != (client.PromptTokens, client.CachedTokens, client.ReasoningTokens, client.CompletionTokens))
            {
                missing.Add($"{client.ResponseId}: status {body["status"]}, usage {usage}");
            }
        }

        return missing;
    }
}
