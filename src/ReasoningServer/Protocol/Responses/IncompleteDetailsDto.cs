namespace ReasoningServer.Protocol.Responses;

/// <summary>Why a response is incomplete: <c>max_output_tokens</c> (the token limit or the window).</summary>
internal sealed record IncompleteDetailsDto(string Reason);
