namespace ReasoningServer.Protocol;

/// <summary>Extension: the <c>reasoning</c> object in OpenRouter's shape, plus the Responses API's <c>context</c>.</summary>
internal sealed class ReasoningRequestDto
{
    /// <summary>Same as the top-level <c>reasoning_effort</c>.</summary>
    public string? Effort { get; set; }

    /// <summary>Thinking budget in tokens; replaces the effort's budget, capped by the server's ceiling.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Thinking shorter than this is continued ("Wait,") instead of ending.</summary>
    public int? MinTokens { get; set; }

    /// <summary>True: think, but do not return the reasoning (it is still counted and billed).</summary>
    public bool? Exclude { get; set; }

    /// <summary><c>current_turn</c> (default; <c>auto</c> means the same) or <c>all_turns</c>.</summary>
    public string? Context { get; set; }
}
