namespace ReasoningServer.Protocol;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>: OpenAI's chat-only fields (the shared ones are in
/// <see cref="GenerationRequestDto"/>), then this server's extensions. Loose types where OpenAI accepts
/// several shapes; validation turns them into a domain request.
/// </summary>
internal sealed class ChatCompletionRequest : GenerationRequestDto
{
    public List<ChatMessageDto>? Messages { get; set; }

    public bool? Logprobs { get; set; }

    public int? MaxCompletionTokens { get; set; }

    /// <summary>Deprecated by OpenAI in favour of <see cref="MaxCompletionTokens"/>; accepted.</summary>
    public int? MaxTokens { get; set; }

    /// <summary><c>none | minimal | low | medium | high | xhigh</c>: a thinking budget from the model's table.</summary>
    public string? ReasoningEffort { get; set; }

    public int? TopLogprobs { get; set; }

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
}
