using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>: OpenAI's fields in their documented order, then this
/// server's extensions. Loose types (JsonElement) where OpenAI accepts several shapes; validation turns
/// them into a domain request.
/// </summary>
internal sealed class ChatCompletionRequest
{
    public List<ChatMessageDto>? Messages { get; set; }

    public string? Model { get; set; }

    public float? FrequencyPenalty { get; set; }

    public Dictionary<string, float>? LogitBias { get; set; }

    public bool? Logprobs { get; set; }

    public int? MaxCompletionTokens { get; set; }

    /// <summary>Deprecated by OpenAI in favour of <see cref="MaxCompletionTokens"/>; accepted.</summary>
    public int? MaxTokens { get; set; }

    public int? N { get; set; }

    public float? PresencePenalty { get; set; }

    public long? Seed { get; set; }

    /// <summary>A string or an array of up to 4 strings.</summary>
    public JsonElement? Stop { get; set; }

    public bool? Stream { get; set; }

    public StreamOptionsDto? StreamOptions { get; set; }

    public float? Temperature { get; set; }

    public int? TopLogprobs { get; set; }

    public float? TopP { get; set; }

    public string? User { get; set; }

    /// <summary>Extension (llama-server, vLLM): keep only the k most likely tokens.</summary>
    public int? TopK { get; set; }

    /// <summary>Extension (llama-server, vLLM): drop tokens below this fraction of the best one's probability.</summary>
    public float? MinP { get; set; }

    /// <summary>Extension: <c>hidden</c> | <c>reasoning_content</c> | <c>raw</c>; how thinking is returned.</summary>
    public string? ReasoningFormat { get; set; }
}
