namespace ReasoningServer.Protocol;

internal sealed class PromptTokensDetailsDto
{
    public required int CachedTokens { get; init; }

    public int AudioTokens => 0;
}
