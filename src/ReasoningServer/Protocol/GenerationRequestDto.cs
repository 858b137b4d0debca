using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>
/// The sampling and streaming fields the chat and legacy completion requests share, as OpenAI names them,
/// then this server's sampling extensions.
/// </summary>
internal abstract class GenerationRequestDto
{
    public string? Model { get; set; }

    public float? FrequencyPenalty { get; set; }

    public Dictionary<string, float>? LogitBias { get; set; }

    public int? N { get; set; }

    public float? PresencePenalty { get; set; }

    public long? Seed { get; set; }

    /// <summary>A string or an array of up to 4 strings.</summary>
    public JsonElement? Stop { get; set; }

    public bool? Stream { get; set; }

    public StreamOptionsDto? StreamOptions { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public string? User { get; set; }

    /// <summary>Extension (llama-server, vLLM): keep only the k most likely tokens.</summary>
    public int? TopK { get; set; }

    /// <summary>Extension (llama-server, vLLM): drop tokens below this fraction of the best one's probability.</summary>
    public float? MinP { get; set; }
}
