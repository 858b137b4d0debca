namespace ReasoningServer.Protocol.Responses;

internal sealed record OutputTokensDetailsDto(int ReasoningTokens);
