namespace ReasoningServer.Protocol;

/// <summary>Token counters of the engine since the model loaded.</summary>
internal sealed class TokenCountersDto
{
    /// <summary>Tokens generated so far, counted as each one reaches its request (reasoning and answer, every choice).</summary>
    public required long Generated { get; init; }

    /// <summary>Prompt tokens that went through llama_decode (a prompt shared by n choices counts once).</summary>
    public required long PromptEvaluated { get; init; }

    /// <summary>Prompt tokens reused from the prefix cache instead of evaluated.</summary>
    public required long PromptCached { get; init; }

    /// <summary>Sequences admitted to a slot (each choice or sample counts).</summary>
    public required long Sequences { get; init; }
}
