using System.Diagnostics;
using ReasoningServer.Bench.Chat;

namespace ReasoningServer.Bench.Load;

/// <summary>N clients, each holding one multi-turn conversation against a target, all at once.</summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(IChatTarget target, int run, int clients, int turns, int tokens)
    {
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ConverseAsync(target, run, c, turns, tokens))));
        return LoadResult.From(target.Name, clients, [.. perClient.SelectMany(t => t)], clock.Elapsed);
    }

    private static async Task<List<TurnMeasurement>> ConverseAsync(IChatTarget target, int run, int client, int turns, int tokens)
    {
        var messages = new List<(string Role, string Content)> { ("system", ConversationScript.SystemPrompt) };
        var measured = new List<TurnMeasurement>(turns);
        for (var turn = 0; turn < turns; turn++)
        {
            messages.Add(("user", ConversationScript.UserTurn(run, client, turn)));
            var result = await target.RunTurnAsync(messages, tokens, seed: (run * 1000) + (client * 10) + turn);
            measured.Add(result);
            messages.Add(("assistant", result.Answer));
        }

        return measured;
    }
}
