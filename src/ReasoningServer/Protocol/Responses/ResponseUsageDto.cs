using ReasoningServer.Accounting.Usage;

namespace ReasoningServer.Protocol.Responses;

/// <summary>The Responses API's usage: <c>output_tokens</c> includes the reasoning tokens.</summary>
internal sealed class ResponseUsageDto
{
    public static ResponseUsageDto From(TokenUsage usage) => new()
    {
        InputTokens = usage.PromptTokens,
        InputTokensDetails = new InputTokensDetailsDto(usage.CachedTokens),
        OutputTokens = usage.CompletionTokens,
        OutputTokensDetails = new OutputTokensDetailsDto(usage.ReasoningTokens),
    };

    public required int InputTokens { get; init; }

    public required InputTokensDetailsDto InputTokensDetails { get; init; }

    public required int OutputTokens { get; init; }

    public required OutputTokensDetailsDto OutputTokensDetails { get; init; }

    public int TotalTokens => InputTokens + OutputTokens;
}
