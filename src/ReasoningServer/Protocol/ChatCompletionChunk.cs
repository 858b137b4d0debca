namespace ReasoningServer.Protocol;

/// <summary>One SSE event of a streamed chat completion, without a usage field (OpenAI omits it unless asked).</summary>
internal class ChatCompletionChunk
{
    public required string Id { get; init; }

    public string Object => "chat.completion.chunk";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string SystemFingerprint => ProtocolConstants.SystemFingerprint;

    public required List<ChunkChoiceDto> Choices { get; init; }
}
