namespace ReasoningServer.Reasoning.Budgets;

/// <summary>OpenAI's <c>reasoning_effort</c> levels; each maps to a thinking budget in the model's table.</summary>
public enum ReasoningEffort
{
    /// <summary>No thinking at all: the section is closed before generation starts.</summary>
    None,
    Minimal,
    Low,
    Medium,
    High,
    XHigh,
}
