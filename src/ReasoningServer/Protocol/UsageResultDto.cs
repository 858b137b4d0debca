using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>
/// OpenAI's <c>organization.usage.completions.result</c>. <c>output_tokens</c> includes reasoning, as OpenAI
/// bills it; the extension <c>output_reasoning_tokens</c> says how much of it was reasoning. <c>amount</c>
/// (the cost) is an extension present only on <c>/v1/usage/me</c>.
/// </summary>
internal sealed class UsageResultDto
{
    public string Object => "organization.usage.completions.result";

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required long InputCachedTokens { get; init; }

    public long InputAudioTokens => 0;

    public long OutputAudioTokens => 0;

    public required long NumModelRequests { get; init; }

    public string? ProjectId => null;

    public string? UserId => null;

    public required string? ApiKeyId { get; init; }

    public required string? Model { get; init; }

    public bool? Batch => null;

    public required long OutputReasoningTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CostAmountDto? Amount { get; init; }
}
