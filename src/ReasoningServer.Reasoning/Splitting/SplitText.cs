namespace ReasoningServer.Reasoning.Splitting;

/// <summary>What one piece of generated text contributed to each side. Either may be empty.</summary>
public readonly record struct SplitText(string Reasoning, string Answer)
{
    public static SplitText Empty { get; } = new(string.Empty, string.Empty);
}
