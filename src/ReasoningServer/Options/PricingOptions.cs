using Microsoft.Extensions.Options;

namespace ReasoningServer.Options;

/// <summary>Prices in USD per one million tokens (section <c>Pricing</c>): a default and per-model entries by model id.</summary>
internal sealed class PricingOptions
{
    public const string Section = "Pricing";

    [ValidateObjectMembers]
    public PriceOptions Default { get; set; } = new();

    public Dictionary<string, PriceOptions> Models { get; set; } = [];
}
