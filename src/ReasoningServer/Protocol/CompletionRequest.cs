using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>
/// The body of the legacy <c>POST /v1/completions</c>: a plain prompt, no chat template. Shared fields
/// are in <see cref="GenerationRequestDto"/>.
/// </summary>
internal sealed class CompletionRequest : GenerationRequestDto
{
    /// <summary>A string (arrays of prompts are not supported).</summary>
    public JsonElement? Prompt { get; set; }

    public bool? Echo { get; set; }

    /// <summary>How many alternatives to return per token (0..5), or null for none.</summary>
    public int? Logprobs { get; set; }

    public int? MaxTokens { get; set; }

    /// <summary>Server-side best-of sampling; only 1 (the default, a no-op) is accepted — the test-time extension of chat does it.</summary>
    public int? BestOf { get; set; }

    /// <summary>Text after the completion (insertion); only an empty one is accepted.</summary>
    public string? Suffix { get; set; }
}
