using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>The body of the legacy <c>POST /v1/completions</c>: a plain prompt, no chat template.</summary>
internal sealed class CompletionRequest
{
    public string? Model { get; set; }

    /// <summary>A string (arrays of prompts are not supported).</summary>
    public JsonElement? Prompt { get; set; }

    public bool? Echo { get; set; }

    public float? FrequencyPenalty { get; set; }

    public Dictionary<string, float>? LogitBias { get; set; }

    /// <summary>How many alternatives to return per token (0..5), or null for none.</summary>
    public int? Logprobs { get; set; }

    public int? MaxTokens { get; set; }

    public int? N { get; set; }

    public float? PresencePenalty { get; set; }

    public long? Seed { get; set; }

    public JsonElement? Stop { get; set; }

    public bool? Stream { get; set; }

    public StreamOptionsDto? StreamOptions { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public string? User { get; set; }

    /// <summary>Extension: see <see cref="ChatCompletionRequest.TopK"/>.</summary>
    public int? TopK { get; set; }

    /// <summary>Extension: see <see cref="ChatCompletionRequest.MinP"/>.</summary>
    public float? MinP { get; set; }
}
