using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ReasoningServer.Accounting.Keys;
using ReasoningServer.Options;

namespace ReasoningServer.Auth;

/// <summary>
/// Requests and tokens per window, per key (one shared partition when the server is open). Written here
/// rather than with System.Threading.RateLimiting: its limiters neither report when a window resets
/// (OpenAI's <c>x-ratelimit-reset-*</c>) nor take a charge after the fact that may exceed what is left
/// (tokens are only known when generation ends), and both windows must be read in one decision.
/// </summary>
internal sealed class KeyRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private const string OpenPartition = "";
    private readonly ConcurrentDictionary<string, RateWindow> _windows = new(StringComparer.Ordinal);
    private readonly long _length = (long)(options.Value.WindowSeconds * time.TimestampFrequency);

    public RateDecision Admit(ApiKey? key) =>
        Window(key).Admit(time.GetTimestamp(), _length, time,
            key?.RequestsPerMinute ?? options.Value.RequestsPerMinute,
            key?.TokensPerMinute ?? options.Value.TokensPerMinute);

    /// <summary>Counts what a request used (prompt and generated tokens, reasoning included) against its key's window.</summary>
    public void Charge(ApiKey? key, long tokens) => Window(key).Charge(time.GetTimestamp(), _length, tokens);

    private RateWindow Window(ApiKey? key) => _windows.GetOrAdd(key?.Id ?? OpenPartition, _ => new RateWindow());
}
