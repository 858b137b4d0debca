namespace ReasoningServer.Reasoning.Budgets;

/// <summary>Where a sequence is, as <see cref="ThinkingBudgetSteering"/> tracks it on token ids.</summary>
public enum ThinkingPhase
{
    /// <summary>Nothing decisive generated yet; the model may still open a thinking section.</summary>
    NotStarted,

    /// <summary>Inside the thinking section: tokens count against the budget.</summary>
    Thinking,

    /// <summary>Thinking is over (or never happened); tokens pass untouched.</summary>
    Answering,
}
