using ReasoningServer.Accounting.Usage;

namespace ReasoningServer.Accounting.Pricing;

/// <summary>What a request costs: the model's prices (or the default ones) applied to its token usage, in <c>decimal</c>.</summary>
internal sealed class PriceTable(ModelPrice fallback, IReadOnlyDictionary<string, ModelPrice> models)
{
    private const decimal TokensPerPrice = 1_000_000m;

    public ModelPrice For(string model) => models.TryGetValue(model, out var price) ? price : fallback;

    public decimal Cost(string model, TokenUsage usage)
    {
        var price = For(model);
        var uncached = usage.PromptTokens - usage.CachedTokens;
        return (uncached * price.Input
                + usage.CachedTokens * price.CachedInput
                + usage.AnswerTokens * price.Output
                + usage.ReasoningTokens * price.ReasoningOutput) / TokensPerPrice;
    }
}
