namespace ReasoningServer.Hosting;

/// <summary>The CLI verbs that run instead of the server (first argument), so Program.cs stays a table of contents.</summary>
internal static class CommandVerbs
{
    /// <returns>The verb's exit code, or null when the arguments name no verb and the server should start.</returns>
    public static async Task<int?> TryRunAsync(string[] args) => args switch
    {
        [MakeTinyModelCommand.Verb, ..] => MakeTinyModelCommand.Run(args),
        [ApiKeysCommand.Verb, ..] => await ApiKeysCommand.RunAsync(args),
        [TrainTinyReasonerCommand.Verb, ..] => await TrainTinyReasonerCommand.RunAsync(args),
        _ => null,
    };
}
