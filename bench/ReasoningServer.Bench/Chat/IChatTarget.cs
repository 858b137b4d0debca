namespace ReasoningServer.Bench.Chat;

/// <summary>Something that runs one turn of a conversation and measures it: a server over HTTP, or the engine.</summary>
internal interface IChatTarget
{
    string Name { get; }

    /// <param name="messages">(role, content) pairs, the last a user turn.</param>
    Task<TurnMeasurement> RunTurnAsync(IReadOnlyList<(string Role, string Content)> messages, int maxTokens, int seed);
}
