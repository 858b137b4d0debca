namespace ReasoningServer.Protocol;

/// <summary>OpenAI's <c>organization.costs.result</c>; <c>api_key_id</c> and <c>model</c> are set when grouped by them.</summary>
internal sealed class CostResultDto
{
    public string Object => "organization.costs.result";

    public required CostAmountDto Amount { get; init; }

    public string? LineItem => null;

    public string? ProjectId => null;

    public required string? ApiKeyId { get; init; }

    public required string? Model { get; init; }
}
