namespace ReasoningServer.Protocol.Responses;

internal sealed record InputTokensDetailsDto(int CachedTokens);
