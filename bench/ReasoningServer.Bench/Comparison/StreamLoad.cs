using ReasoningServer.Bench.Chat;
using ReasoningServer.Bench.Common;

namespace ReasoningServer.Bench.Comparison;

/// <summary>N streams at once against one target, each one user message of the same length, greedy, the same max tokens.</summary>
/// <remarks>
/// Every target first gets the same warm-up: N short streams at once, then a second's pause. It measures serving, not
/// a process's first moments: ours compiles its streaming path just in time (about 1,600 methods JIT-compiled in its
/// first 8-stream burst, 10 % of the CPU then, bench/history/compare.md), which the server's own start does not cover.
/// </remarks>
internal static class StreamLoad
{
    private const int WarmUpPromptTokens = 32;
    private const int WarmUpGeneratedTokens = 16;

    public static async Task<StreamsMeasurement> RunAsync(ChildServer server, CompareLoad load)
    {
        var target = new HttpChatTarget(server.Http, CompareTarget.ModelId, tinyModel: true, server.Name, temperature: 0,
            server.Name == CompareTarget.LlamaServer ? "deepseek" : "reasoning_content");
        var turns = await MeasureAsync(target, load.Streams, load.PromptTokens, load.GeneratedTokens);
        return StreamsMeasurement.From(server.Name, turns, server.PeakResidentMiB());
    }

    public static async Task<TurnMeasurement[]> MeasureAsync(IChatTarget target, int streams, int promptTokens, int generatedTokens)
    {
        // Prompts of their own (seeds past the measured streams'), so the measured prompts find nothing cached.
        await Task.WhenAll(Enumerable.Range(0, streams).Select(stream => Task.Run(() =>
            target.RunTurnAsync([("user", PromptText.Make(WarmUpPromptTokens, 10_000 + stream))], WarmUpGeneratedTokens, seed: stream))));
        await Task.Delay(TimeSpan.FromSeconds(1));
        return await Task.WhenAll(Enumerable.Range(0, streams).Select(stream => Task.Run(() =>
            target.RunTurnAsync([("user", PromptText.Make(promptTokens, stream))], generatedTokens, seed: stream))));
    }
}
