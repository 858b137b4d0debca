namespace ReasoningServer.Reasoning.Budgets;

/// <summary>How long one sequence may think, in generated tokens.</summary>
/// <param name="MaxTokens">At this many thinking tokens the end of thinking is forced.</param>
/// <param name="MinTokens">An end of thinking before this many tokens is replaced by a continuation (s1's budget forcing).</param>
public sealed record ThinkingBudget(int MaxTokens, int MinTokens = 0);
