namespace ReasoningServer.Reasoning.Splitting;

/// <summary>Where the splitter stands in the generated text.</summary>
public enum ReasoningSection
{
    /// <summary>Nothing decisive seen yet: the model may still open a thinking section.</summary>
    Undecided,
    Thinking,
    Answering,
}
