using System.Text.Json;

namespace ReasoningServer.Protocol.Responses;

/// <summary>A response object as OpenAI returns it, its fields in OpenAI's order and its empty ones as <c>null</c>.</summary>
internal sealed class ResponseDto
{
    public required string Id { get; init; }

    public string Object => "response";

    public required long CreatedAt { get; init; }

    /// <summary><c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public bool Background => false;

    public ResponseErrorDto? Error { get; set; }

    public IncompleteDetailsDto? IncompleteDetails { get; set; }

    public string? Instructions { get; init; }

    public int? MaxOutputTokens { get; init; }

    public int? MaxToolCalls => null;

    public required string Model { get; init; }

    public List<ResponseItemDto> Output { get; set; } = [];

    public bool ParallelToolCalls { get; init; } = true;

    public string? PreviousResponseId { get; init; }

    public string? PromptCacheKey { get; init; }

    public required ReasoningConfigDto Reasoning { get; init; }

    public string? SafetyIdentifier { get; init; }

    public string ServiceTier => "default";

    public bool Store { get; set; }

    public float Temperature { get; init; } = 1f;

    public required ResponsesTextDto Text { get; init; }

    /// <summary>As the request sent it (a string or an object); <c>auto</c> by default.</summary>
    public JsonElement ToolChoice { get; init; }

    public List<ResponsesToolDto> Tools { get; init; } = [];

    public int TopLogprobs { get; init; }

    public float TopP { get; init; } = 1f;

    public string Truncation { get; init; } = "disabled";

    public ResponseUsageDto? Usage { get; set; }

    public string? User { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];
}
