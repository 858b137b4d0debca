namespace ReasoningServer.Protocol.Responses;

/// <summary><c>reasoning</c>: effort as in chat completions; a summary, which here is the model's raw thinking.</summary>
internal sealed class ResponsesReasoningDto
{
    /// <summary><c>none | minimal | low | medium | high | xhigh</c>.</summary>
    public string? Effort { get; set; }

    /// <summary><c>auto | concise | detailed</c>: return the thinking as <c>summary_text</c> parts (the raw thinking; there is no summarizer).</summary>
    public string? Summary { get; set; }

    /// <summary>OpenAI's deprecated name of <see cref="Summary"/>.</summary>
    public string? GenerateSummary { get; set; }

    /// <summary><c>auto</c> / <c>current_turn</c> (default) or <c>all_turns</c>: which earlier turns keep their reasoning in the prompt.</summary>
    public string? Context { get; set; }

    /// <summary>Extension, as chat's <c>reasoning.max_tokens</c>: an explicit thinking budget.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Extension, as chat's <c>reasoning.min_tokens</c>: minimum thinking.</summary>
    public int? MinTokens { get; set; }
}
