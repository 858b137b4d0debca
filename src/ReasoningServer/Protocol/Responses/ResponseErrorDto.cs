namespace ReasoningServer.Protocol.Responses;

/// <summary>Why a response failed (<c>status: "failed"</c>).</summary>
internal sealed record ResponseErrorDto(string Code, string Message);
