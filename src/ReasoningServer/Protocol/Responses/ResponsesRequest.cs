using System.Text.Json;

namespace ReasoningServer.Protocol.Responses;

/// <summary>
/// The body of <c>POST /v1/responses</c>, OpenAI's fields in their documented order. <c>input</c> and <c>tool_choice</c>
/// take several shapes and are read as JSON; validation turns the request into the same domain request a chat
/// completion becomes.
/// </summary>
internal sealed class ResponsesRequest
{
    /// <summary>Refused unless false: responses are generated while the request waits.</summary>
    public bool? Background { get; set; }

    /// <summary>The Conversations API; refused (use <see cref="PreviousResponseId"/>).</summary>
    public JsonElement? Conversation { get; set; }

    /// <summary><c>reasoning.encrypted_content</c> and <c>message.output_text.logprobs</c>.</summary>
    public List<string>? Include { get; set; }

    /// <summary>A string (one user message) or a list of input items.</summary>
    public JsonElement? Input { get; set; }

    /// <summary>A system message put first; not carried over by <see cref="PreviousResponseId"/>, as OpenAI does.</summary>
    public string? Instructions { get; set; }

    public int? MaxOutputTokens { get; set; }

    /// <summary>Refused unless null.</summary>
    public int? MaxToolCalls { get; set; }

    /// <summary>Accepted and checked as in chat completions; stored with the response.</summary>
    public Dictionary<string, string>? Metadata { get; set; }

    public string? Model { get; set; }

    public bool? ParallelToolCalls { get; set; }

    /// <summary>The stored response this one continues: its input and output come before <see cref="Input"/>.</summary>
    public string? PreviousResponseId { get; set; }

    /// <summary>Reusable prompt templates; refused.</summary>
    public JsonElement? Prompt { get; set; }

    /// <summary>A documented no-op: the prefix cache works on every request by itself.</summary>
    public string? PromptCacheKey { get; set; }

    /// <summary>A documented no-op (<c>in-memory</c>, <c>24h</c>).</summary>
    public string? PromptCacheRetention { get; set; }

    public ResponsesReasoningDto? Reasoning { get; set; }

    /// <summary>A documented no-op.</summary>
    public string? SafetyIdentifier { get; set; }

    /// <summary>A documented no-op: one tier here.</summary>
    public string? ServiceTier { get; set; }

    /// <summary>Keep the response for <c>GET /v1/responses/{id}</c> and <c>previous_response_id</c>; true by default, as OpenAI.</summary>
    public bool? Store { get; set; }

    public bool? Stream { get; set; }

    public ResponsesStreamOptionsDto? StreamOptions { get; set; }

    public float? Temperature { get; set; }

    public ResponsesTextDto? Text { get; set; }

    /// <summary><c>none</c>, <c>auto</c>, <c>required</c>, <c>{"type": "function", "name"}</c> or <c>{"type": "allowed_tools", "mode", "tools"}</c>.</summary>
    public JsonElement? ToolChoice { get; set; }

    public List<ResponsesToolDto>? Tools { get; set; }

    public int? TopLogprobs { get; set; }

    public float? TopP { get; set; }

    /// <summary><c>auto</c> drops the oldest turns until the prompt fits; <c>disabled</c> (default) refuses.</summary>
    public string? Truncation { get; set; }

    /// <summary>Deprecated by OpenAI for <see cref="SafetyIdentifier"/> and <see cref="PromptCacheKey"/>; a documented no-op.</summary>
    public string? User { get; set; }
}
