namespace ReasoningServer.Bench;

/// <summary>N streams at once against one server, each one user message of the same length, greedy, the same max tokens.</summary>
/// <remarks>
/// Every server first gets the same warm-up: N short streams at once, then a second's pause. It measures serving, not
/// a process's first moments: ours compiles its streaming path just in time (about 1,600 methods JIT-compiled in its
/// first 8-stream burst, 10 % of the CPU then, bench/RESULTS.md), which the server's own start does not cover.
/// </remarks>
internal static class StreamLoad
{
    private const int WarmUpPromptTokens = 32;
    private const int WarmUpGeneratedTokens = 16;

    public static async Task<StreamsMeasurement> RunAsync(ChildServer server, string modelId, int streams, int promptTokens, int generatedTokens)
    {
        var target = new HttpChatTarget(server.Http, modelId, tinyModel: true, server.Name, temperature: 0,
            server.Name == CompareTarget.LlamaServer ? "deepseek" : "reasoning_content");
        // Prompts of their own (seeds past the measured streams'), so the measured prompts find nothing cached.
        await Task.WhenAll(Enumerable.Range(0, streams).Select(stream => Task.Run(() =>
            target.RunTurnAsync([("user", PromptText.Make(WarmUpPromptTokens, 10_000 + stream))], WarmUpGeneratedTokens, seed: stream))));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var turns = await Task.WhenAll(Enumerable.Range(0, streams).Select(stream => Task.Run(() =>
            target.RunTurnAsync([("user", PromptText.Make(promptTokens, stream))], generatedTokens, seed: stream))));
        return StreamsMeasurement.From(server.Name, turns, server.PeakResidentMiB());
    }
}
