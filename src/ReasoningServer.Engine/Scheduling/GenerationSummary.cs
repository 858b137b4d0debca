namespace ReasoningServer.Engine.Scheduling;

/// <summary>How a sequence ended and what it cost in tokens.</summary>
/// <param name="CachedTokens">Prompt tokens whose KV was reused rather than evaluated.</param>
/// <param name="GeneratedTokens">Tokens generated, also when the sequence was cancelled or timed out: they were computed and are billable.</param>
public sealed record GenerationSummary(
    FinishReason Reason,
    int PromptTokens,
    int CachedTokens,
    int GeneratedTokens,
    string? Error = null);
