namespace ReasoningServer.Protocol.Responses;

/// <summary>One output token's logprob and its alternatives, in the Responses API's shape.</summary>
internal sealed record ResponseLogprobDto(string Token, double Logprob, IReadOnlyList<int> Bytes, List<ResponseTopLogprobDto> TopLogprobs);
