namespace ReasoningServer.Protocol;

internal sealed class TokenLogprobDto
{
    public required string Token { get; init; }

    public required float Logprob { get; init; }

    public required int[] Bytes { get; init; }

    public required List<TopLogprobDto> TopLogprobs { get; init; }
}
