namespace ReasoningServer.Protocol;

internal sealed class CompletionTokensDetailsDto
{
    public required int ReasoningTokens { get; init; }

    public int AudioTokens => 0;

    public int AcceptedPredictionTokens => 0;

    public int RejectedPredictionTokens => 0;
}
