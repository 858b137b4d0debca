namespace ReasoningServer.Protocol;

internal sealed class ChunkDeltaDto
{
    /// <summary>Only on a choice's first chunk.</summary>
    public string? Role { get; init; }

    public string? Content { get; init; }

    /// <summary>Extension (DeepSeek, llama-server): thinking as it is generated, when asked for.</summary>
    public string? ReasoningContent { get; init; }

    /// <summary>Pieces of calls as OpenAI streams them: a call's first piece has its id and name, later ones arguments.</summary>
    public List<ChunkToolCallDto>? ToolCalls { get; init; }
}
