namespace ReasoningServer.Protocol.Responses;

internal sealed record ResponseTopLogprobDto(string Token, double Logprob, IReadOnlyList<int> Bytes);
