namespace ReasoningServer.Protocol.Responses;

/// <summary>The reasoning settings a response was generated with.</summary>
internal sealed record ReasoningConfigDto(string? Effort, string? Summary);
