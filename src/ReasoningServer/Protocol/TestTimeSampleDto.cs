using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>Extension: one sample of a <c>test_time</c> request.</summary>
internal sealed class TestTimeSampleDto
{
    public required int Index { get; init; }

    /// <summary><c>stop</c> | <c>length</c> | <c>cancelled</c> (stopped early because the vote was decided).</summary>
    public required string FinishReason { get; init; }

    public required int ReasoningTokens { get; init; }

    /// <summary>Reasoning and answer tokens, as in usage.</summary>
    public required int CompletionTokens { get; init; }

    /// <summary>The normalised extracted answer; null when extraction failed (the sample did not vote).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Answer { get; init; }

    /// <summary>Mean logprob of the visible answer's tokens; null when there were none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Score { get; init; }

    /// <summary>With <c>regex_verifier</c>: whether the answer matched.</summary>
    public bool? Verified { get; init; }
}
