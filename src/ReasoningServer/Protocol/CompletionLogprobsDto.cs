namespace ReasoningServer.Protocol;

/// <summary>The legacy endpoint's column-wise logprobs.</summary>
internal sealed class CompletionLogprobsDto
{
    public required List<string> Tokens { get; init; }

    public required List<float> TokenLogprobs { get; init; }

    public required List<Dictionary<string, float>> TopLogprobs { get; init; }

    public required List<int> TextOffset { get; init; }
}
