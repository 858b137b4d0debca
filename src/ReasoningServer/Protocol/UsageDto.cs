using ReasoningServer.Accounting.Usage;

namespace ReasoningServer.Protocol;

/// <summary>OpenAI's usage object. <c>completion_tokens</c> includes the reasoning tokens.</summary>
internal sealed class UsageDto
{
    public static UsageDto From(TokenUsage usage) => new()
    {
        PromptTokens = usage.PromptTokens,
        CompletionTokens = usage.CompletionTokens,
        PromptTokensDetails = new PromptTokensDetailsDto { CachedTokens = usage.CachedTokens },
        CompletionTokensDetails = new CompletionTokensDetailsDto { ReasoningTokens = usage.ReasoningTokens },
    };

    public required int PromptTokens { get; init; }

    public required int CompletionTokens { get; init; }

    public int TotalTokens => PromptTokens + CompletionTokens;

    public required PromptTokensDetailsDto PromptTokensDetails { get; init; }

    public required CompletionTokensDetailsDto CompletionTokensDetails { get; init; }
}
