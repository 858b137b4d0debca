namespace ReasoningServer.Protocol;

/// <summary>OpenAI's usage object. <c>completion_tokens</c> includes the reasoning tokens.</summary>
internal sealed class UsageDto
{
    public required int PromptTokens { get; init; }

    public required int CompletionTokens { get; init; }

    public int TotalTokens => PromptTokens + CompletionTokens;

    public required PromptTokensDetailsDto PromptTokensDetails { get; init; }

    public required CompletionTokensDetailsDto CompletionTokensDetails { get; init; }
}
