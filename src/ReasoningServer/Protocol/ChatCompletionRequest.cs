using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>: OpenAI's chat-only fields (the shared ones are in
/// <see cref="GenerationRequestDto"/>), then this server's extensions. Loose types where OpenAI accepts
/// several shapes; validation turns them into a domain request.
/// </summary>
internal sealed class ChatCompletionRequest : GenerationRequestDto
{
    public List<ChatMessageDto>? Messages { get; set; }

    /// <summary>Refused unless null: this server has no audio output.</summary>
    public JsonElement? Audio { get; set; }

    /// <summary>Deprecated by OpenAI in favour of <see cref="ToolChoice"/>; refused with a pointer to it.</summary>
    public JsonElement? FunctionCall { get; set; }

    /// <summary>Deprecated by OpenAI in favour of <see cref="Tools"/>; refused with a pointer to it.</summary>
    public JsonElement? Functions { get; set; }

    public bool? Logprobs { get; set; }

    public int? MaxCompletionTokens { get; set; }

    /// <summary>Deprecated by OpenAI in favour of <see cref="MaxCompletionTokens"/>; accepted.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Accepted and checked as OpenAI checks it (16 pairs, short keys and values); a documented no-op.</summary>
    public Dictionary<string, string>? Metadata { get; set; }

    /// <summary>Only <c>["text"]</c>.</summary>
    public List<string>? Modalities { get; set; }

    public bool? ParallelToolCalls { get; set; }

    /// <summary>Predicted outputs; refused unless null.</summary>
    public JsonElement? Prediction { get; set; }

    /// <summary>A documented no-op: the prefix cache works on every request by itself.</summary>
    public string? PromptCacheKey { get; set; }

    /// <summary><c>none | minimal | low | medium | high | xhigh</c>: a thinking budget from the model's table.</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary><c>text</c>, <c>json_object</c> or <c>json_schema</c> (enforced with a grammar after the thinking).</summary>
    public ResponseFormatDto? ResponseFormat { get; set; }

    /// <summary>A documented no-op (abuse detection is the deployer's).</summary>
    public string? SafetyIdentifier { get; set; }

    /// <summary>A documented no-op: one tier here.</summary>
    public string? ServiceTier { get; set; }

    /// <summary>A documented no-op: completions are not stored for later retrieval (the ledger keeps their usage).</summary>
    public bool? Store { get; set; }

    /// <summary><c>none</c>, <c>auto</c>, <c>required</c>, <c>{"type": "function", "function": {"name"}}</c> or
    /// <c>{"type": "allowed_tools", ...}</c>.</summary>
    public JsonElement? ToolChoice { get; set; }

    public List<ToolDto>? Tools { get; set; }

    public int? TopLogprobs { get; set; }

    /// <summary>A documented no-op (<c>low | medium | high</c>): the answer's length follows the model.</summary>
    public string? Verbosity { get; set; }

    /// <summary>Refused unless null: this server does not search the web.</summary>
    public JsonElement? WebSearchOptions { get; set; }

    /// <summary>Extension: <c>hidden</c> | <c>reasoning_content</c> | <c>raw</c>; how thinking is returned.</summary>
    public string? ReasoningFormat { get; set; }

    /// <summary>Extension (OpenRouter's shape): explicit thinking budgets.</summary>
    public ReasoningRequestDto? Reasoning { get; set; }

    /// <summary>Extension (llama-server's name): alias of <c>reasoning.max_tokens</c>.</summary>
    public int? ThinkingBudgetTokens { get; set; }

    /// <summary>Extension (the Responses API's name): <c>auto</c> drops the oldest turns until the prompt fits; <c>disabled</c> (default) refuses.</summary>
    public string? Truncation { get; set; }

    /// <summary>Extension: several samples become one choice (self-consistency, best-of-N); see README "Test-time compute".</summary>
    public TestTimeRequestDto? TestTime { get; set; }

    /// <summary>Extension (llama-server's and vLLM's field): extra variables for the model's chat template, e.g. <c>{"enable_thinking": false}</c>.</summary>
    public JsonElement? ChatTemplateKwargs { get; set; }
}
