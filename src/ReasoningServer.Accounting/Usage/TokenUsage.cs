namespace ReasoningServer.Accounting.Usage;

/// <summary>
/// What a request cost in tokens: the unit of billing. Reasoning tokens are output tokens (OpenAI bills
/// them as such) but are kept apart so they can be priced and reported on their own.
/// </summary>
/// <param name="PromptTokens">Prompt tokens, counted once however many choices were sampled.</param>
/// <param name="CachedTokens">Prompt tokens whose KV was reused rather than evaluated.</param>
/// <param name="ReasoningTokens">Generated tokens of the thinking sections, over all choices.</param>
/// <param name="AnswerTokens">Generated tokens of the visible answers, over all choices.</param>
public sealed record TokenUsage(int PromptTokens, int CachedTokens, int ReasoningTokens, int AnswerTokens)
{
    /// <summary>Everything generated, reasoning included, as OpenAI's <c>completion_tokens</c>.</summary>
    public int CompletionTokens => ReasoningTokens + AnswerTokens;

    public int TotalTokens => PromptTokens + CompletionTokens;
}
