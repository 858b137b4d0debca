namespace ReasoningServer.Auth;

/// <summary>
/// A key's standing in its current window, as OpenAI's <c>x-ratelimit-*</c> headers report it. A limit of
/// 0 is no limit. <see cref="RefusedBy"/> is <c>requests</c> or <c>tokens</c> when the request is refused.
/// </summary>
internal readonly record struct RateDecision(
    string? RefusedBy,
    int RequestLimit,
    int RequestsRemaining,
    int TokenLimit,
    long TokensRemaining,
    TimeSpan ResetIn);
