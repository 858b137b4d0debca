using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Responses;

/// <summary>Stored responses in a PostgreSQL ledger (what replicas share): kept per key, continued, sealed reasoning opened.</summary>
public sealed class PostgresStoredResponsesTests(PostgresAccountingFixture server) : IClassFixture<PostgresAccountingFixture>
{
    [PostgresFact]
    public async Task A_response_stored_in_PostgreSQL_is_read_continued_and_deleted_by_its_key()
    {
        var alice = server.HttpAs(AccountingServerFixture.AliceKey);
        var (status, first, _) = await HttpJson.PostAsync(alice, "/v1/responses",
            $$"""{"model":"{{ServerFixture.ModelId}}","input":"What is 1 + 1?","max_output_tokens":200,"include":["reasoning.encrypted_content"]}""");
        Assert.True(status == 200, first?.ToJsonString());
        var id = (string)first!["id"]!;

        var read = await alice.GetAsync($"/v1/responses/{id}");
        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal(404, (int)(await server.HttpAs(AccountingServerFixture.BobKey).GetAsync($"/v1/responses/{id}")).StatusCode);

        var (nextStatus, next, _) = await HttpJson.PostAsync(alice, "/v1/responses",
            $$"""{"model":"{{ServerFixture.ModelId}}","input":"And 2 + 2?","previous_response_id":"{{id}}","max_output_tokens":4}""");
        Assert.True(nextStatus == 200, next?.ToJsonString());
        Assert.True((int)next!["usage"]!["input_tokens"]! > (int)first["usage"]!["input_tokens"]!);

        // The sealing key lives in the same database: what one process sealed, any replica on it opens.
        var reasoning = first["output"]!.AsArray().First(o => (string?)o!["type"] == "reasoning")!;
        var body = new JsonObject
        {
            ["model"] = ServerFixture.ModelId, ["store"] = false, ["max_output_tokens"] = 2,
            ["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is 1 + 1?" }, reasoning.DeepClone()),
        };
        var (sealedStatus, sealedResponse, _) = await HttpJson.PostAsync(alice, "/v1/responses", body);
        Assert.True(sealedStatus == 200, sealedResponse?.ToJsonString());

        Assert.Equal(200, (int)(await alice.DeleteAsync($"/v1/responses/{id}")).StatusCode);
        Assert.Equal(404, (int)(await alice.GetAsync($"/v1/responses/{id}")).StatusCode);
    }
}
