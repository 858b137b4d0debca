using ReasoningServer.Accounting.Keys;

namespace ReasoningServer.Auth;

/// <summary>The caller's key, set by authentication for rate limiting and billing; <see cref="Key"/> is null on an open server.</summary>
internal sealed record ApiKeyFeature(ApiKey? Key);
