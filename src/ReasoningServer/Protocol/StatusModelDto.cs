namespace ReasoningServer.Protocol;

/// <summary>The served model in <see cref="ServerStatusDto"/>, with its prices so a client can show a request's cost.</summary>
internal sealed class StatusModelDto
{
    public required string Id { get; init; }

    /// <summary>Unix seconds.</summary>
    public required long LoadedAt { get; init; }

    public required int ContextLength { get; init; }

    public required string? ReasoningFormat { get; init; }

    public required ModelPricingDto Pricing { get; init; }
}
