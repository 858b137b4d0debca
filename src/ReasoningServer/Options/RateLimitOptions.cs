using System.ComponentModel.DataAnnotations;

namespace ReasoningServer.Options;

/// <summary>
/// Default limits per key (section <c>RateLimits</c>); a key's own limits override them. 0 = unlimited.
/// The counts apply per window of <see cref="WindowSeconds"/> (a minute unless changed, e.g. by tests).
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(0, int.MaxValue)]
    public int RequestsPerMinute { get; set; }

    /// <summary>Prompt plus generated tokens, reasoning included.</summary>
    [Range(0, int.MaxValue)]
    public int TokensPerMinute { get; set; }

    [Range(0.1, 86400)]
    public double WindowSeconds { get; set; } = 60;
}
