namespace ReasoningServer.Protocol;

/// <summary>A model's prices in US dollars per million tokens, as the ledger applies them.</summary>
internal sealed class ModelPricingDto
{
    public required decimal Input { get; init; }

    public required decimal CachedInput { get; init; }

    public required decimal Output { get; init; }

    public required decimal ReasoningOutput { get; init; }
}
