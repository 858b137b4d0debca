namespace ReasoningServer.Protocol;

/// <summary>One piece of a streamed tool call: <see cref="Index"/> says which call of the choice it belongs to.</summary>
internal sealed class ChunkToolCallDto
{
    public required int Index { get; init; }

    /// <summary>Only on the call's first piece.</summary>
    public string? Id { get; init; }

    /// <summary><c>function</c>, only on the call's first piece.</summary>
    public string? Type { get; init; }

    public required FunctionCallDto Function { get; init; }
}
