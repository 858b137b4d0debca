namespace ReasoningServer.Bench;

/// <summary>N streams at once against one server, each one user message of the same length, greedy, the same max tokens.</summary>
internal static class StreamLoad
{
    public static async Task<StreamsMeasurement> RunAsync(ChildServer server, string modelId, int streams, int promptTokens, int generatedTokens)
    {
        var target = new HttpChatTarget(server.Http, modelId, tinyModel: true, server.Name, temperature: 0,
            server.Name == CompareTarget.LlamaServer ? "deepseek" : "reasoning_content");
        var turns = await Task.WhenAll(Enumerable.Range(0, streams).Select(stream => Task.Run(() =>
            target.RunTurnAsync([("user", PromptText.Make(promptTokens, stream))], generatedTokens, seed: stream))));
        return StreamsMeasurement.From(server.Name, turns, server.PeakResidentMiB());
    }
}
