using System.ComponentModel.DataAnnotations;

namespace ReasoningServer.Options;

/// <summary>Server-wide defaults and caps for generation requests (section <c>Generation</c>).</summary>
internal sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>How thinking is returned when a request does not say: <c>hidden</c>, <c>reasoning_content</c> or <c>raw</c>.</summary>
    [RegularExpression("^(hidden|reasoning_content|raw)$")]
    public string ReasoningFormat { get; set; } = "hidden";

    /// <summary>The largest <c>n</c> a request may ask for.</summary>
    [Range(1, 128)]
    public int MaxChoices { get; set; } = 8;

    /// <summary>The largest <c>test_time.samples</c> a request may ask for.</summary>
    [Range(1, 128)]
    public int MaxTestTimeSamples { get; set; } = 32;

    /// <summary>
    /// Seconds a request may take, waiting in the queue included; 0 = no limit. A request past it ends with
    /// what it generated and <c>finish_reason: "length"</c>, or 503 when it had not started generating.
    /// </summary>
    [Range(0, 86400)]
    public int RequestTimeoutSeconds { get; set; }

    public TimeSpan? RequestTimeout => RequestTimeoutSeconds > 0 ? TimeSpan.FromSeconds(RequestTimeoutSeconds) : null;
}
