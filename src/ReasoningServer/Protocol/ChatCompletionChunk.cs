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

    /// <summary>Extension: on the chunk with the finish reason of a <c>test_time</c> stream only.</summary>
    public TestTimeResultDto? TestTime { get; init; }
}
