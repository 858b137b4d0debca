namespace ReasoningServer.Engine.Scheduling;

/// <summary>How a sequence ended and what it cost in tokens.</summary>
/// <param name="CachedTokens">Prompt tokens whose KV was reused rather than evaluated.</param>
public sealed record GenerationSummary(
    FinishReason Reason,
    int PromptTokens,
    int CachedTokens,
    int GeneratedTokens,
    string? Error = null);
