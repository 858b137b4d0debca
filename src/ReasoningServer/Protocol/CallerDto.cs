namespace ReasoningServer.Protocol;

/// <summary>The caller of a request as authentication saw it; on an open server (no keys) no key and admin.</summary>
internal sealed class CallerDto
{
    public required string? KeyId { get; init; }

    public required string? Name { get; init; }

    public required bool Admin { get; init; }
}
