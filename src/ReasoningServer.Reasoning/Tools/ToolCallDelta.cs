namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// What one piece of answer text contributed: content that is safe to show, and tool call fragments (at most one
/// per call, in call order). Clients keep content and calls apart, so their order within one delta carries no meaning.
/// </summary>
public readonly record struct ToolCallDelta(string Content, IReadOnlyList<ToolCallFragment> Fragments)
{
    public static ToolCallDelta Empty { get; } = new(string.Empty, []);

    /// <summary>Nothing to send: no content and no fragments.</summary>
    public bool IsEmpty => Content.Length == 0 && Fragments.Count == 0;
}
