namespace ReasoningServer.Protocol;

internal sealed class TopLogprobDto
{
    public required string Token { get; init; }

    public required float Logprob { get; init; }

    public required int[] Bytes { get; init; }
}
