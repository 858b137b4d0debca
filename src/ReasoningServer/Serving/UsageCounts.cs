using ReasoningServer.Protocol;

namespace ReasoningServer.Serving;

/// <summary>Tokens a request cost, summed over its choices; the prompt counts once.</summary>
internal sealed record UsageCounts(int PromptTokens, int CachedTokens, int ReasoningTokens, int AnswerTokens)
{
    public int CompletionTokens => ReasoningTokens + AnswerTokens;

    public UsageDto ToDto() => new()
    {
        PromptTokens = PromptTokens,
        CompletionTokens = CompletionTokens,
        PromptTokensDetails = new PromptTokensDetailsDto { CachedTokens = CachedTokens },
        CompletionTokensDetails = new CompletionTokensDetailsDto { ReasoningTokens = ReasoningTokens },
    };
}
