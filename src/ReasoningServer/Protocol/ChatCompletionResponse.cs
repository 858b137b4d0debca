namespace ReasoningServer.Protocol;

internal sealed class ChatCompletionResponse
{
    public required string Id { get; init; }

    public string Object => "chat.completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required List<ChatChoiceDto> Choices { get; init; }

    public required UsageDto Usage { get; init; }

    public string SystemFingerprint => ProtocolConstants.SystemFingerprint;

    /// <summary>Extension: present on <c>test_time</c> requests only.</summary>
    public TestTimeResultDto? TestTime { get; init; }
}
