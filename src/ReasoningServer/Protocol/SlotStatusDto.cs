namespace ReasoningServer.Protocol;

/// <summary>The engine's slots: how many sequences it decodes together, and how many serve one now.</summary>
internal sealed class SlotStatusDto
{
    public required int Total { get; init; }

    public required int Busy { get; init; }

    /// <summary>Busy slots paused because their client reads too slowly (Model:MaxUnreadTokens).</summary>
    public int Paused { get; init; }
}
