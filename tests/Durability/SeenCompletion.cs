namespace ReasoningServer.Tests.Durability;

/// <summary>
/// A request whose final usage the client received, with that usage as the client saw it
/// (and, for a stored response, its id, to read it back after the restart).
/// </summary>
public sealed record SeenCompletion(
    string RequestId,
    LoadKind Kind,
    int PromptTokens,
    int CachedTokens,
    int ReasoningTokens,
    int CompletionTokens,
    string? ResponseId);
