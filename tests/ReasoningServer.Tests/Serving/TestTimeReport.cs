using System.Text.Json.Nodes;

namespace ReasoningServer.Tests.Serving;

/// <summary>Checks that a response's <c>test_time</c> report agrees with itself and with the response's usage and choice.</summary>
internal static class TestTimeReport
{
    public static JsonArray AssertConsistent(JsonNode report, JsonNode usage, string content)
    {
        var samples = report["samples"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, (int)report["samples_requested"]!), samples.Select(s => (int)s!["index"]!));

        // Usage is every sample's tokens: nothing generated goes unbilled.
        Assert.Equal(samples.Sum(s => (int)s!["completion_tokens"]!), (int)usage["completion_tokens"]!);
        Assert.Equal(samples.Sum(s => (int)s!["reasoning_tokens"]!), (int)usage["completion_tokens_details"]!["reasoning_tokens"]!);
        Assert.Equal((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!);
        Assert.Equal(samples.Count(s => (int)s!["completion_tokens"]! > 0), (int)report["samples_run"]!);

        // The votes are exactly the answers of the samples that finished (a cancelled one does not vote).
        var answers = samples.Where(s => (string)s!["finish_reason"]! != "cancelled" && s["answer"] is not null)
            .Select(s => (string)s!["answer"]!).ToList();
        var votes = report["votes"]!.AsObject().Select(v => (v.Key, Count: (int)v.Value!)).ToList();
        Assert.Equal(answers.GroupBy(a => a).Select(g => (g.Key, g.Count())).OrderBy(v => v.Key, StringComparer.Ordinal),
            votes.OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Equal(votes.Select(v => v.Count).OrderDescending(), votes.Select(v => v.Count));
        if (answers.Count > 0)
        {
            Assert.Equal((double)votes[0].Count / answers.Count, (double)report["agreement"]!, precision: 5);
        }

        var winner = samples[(int)report["winner_index"]!]!;
        if ((string)report["strategy"]! == "self_consistency" && report["winner"] is { } won)
        {
            Assert.Equal(votes[0].Key, (string)won!);
            // The tie rule: of the answers with the most votes, the one given by the lowest index; it stands for them.
            var tied = votes.Where(v => v.Count == votes[0].Count).Select(v => v.Key).ToHashSet();
            var first = samples.First(s => (string)s!["finish_reason"]! != "cancelled" && tied.Contains((string?)s["answer"] ?? string.Empty))!;
            Assert.Equal((int)first["index"]!, (int)report["winner_index"]!);
            Assert.Equal((string)won!, (string)winner["answer"]!);
        }

        Assert.Equal((string?)winner["answer"], (string?)report["winner"]);
        if (winner["answer"] is { } answer)
        {
            Assert.EndsWith((string)answer!, content, StringComparison.Ordinal);
        }

        return samples;
    }
}
