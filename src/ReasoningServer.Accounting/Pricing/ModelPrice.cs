namespace ReasoningServer.Accounting.Pricing;

/// <summary>Prices in US dollars per one million tokens. Reasoning is output, priced on its own (default: as output).</summary>
internal sealed record ModelPrice(decimal Input, decimal CachedInput, decimal Output, decimal ReasoningOutput)
{
    public static ModelPrice Free { get; } = new(0, 0, 0, 0);
}
