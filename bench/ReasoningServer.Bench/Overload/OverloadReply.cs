namespace ReasoningServer.Bench.Overload;

/// <summary>One request of an overload wave as the client saw it.</summary>
/// <param name="FinishReason">The first choice's finish_reason of a 200; the error code otherwise.</param>
internal sealed record OverloadReply(int Status, double Milliseconds, bool RetryAfter, string? FinishReason, int CompletionTokens);
