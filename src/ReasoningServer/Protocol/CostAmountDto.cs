namespace ReasoningServer.Protocol;

/// <summary>A sum of money, exact to 10⁻¹² dollars.</summary>
internal sealed class CostAmountDto
{
    public required decimal Value { get; init; }

    public string Currency => "usd";
}
