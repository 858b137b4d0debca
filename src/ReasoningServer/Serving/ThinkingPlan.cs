using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Reasoning.History;

namespace ReasoningServer.Serving;

/// <summary>How one chat request may think, resolved from its effort, budgets and the server's table.</summary>
/// <param name="Disabled">No thinking: the section is closed in the prompt (effort <c>none</c>, or a budget of 0).</param>
/// <param name="Budget">Budget forcing per choice; null when the model has no delimiters to steer on, or thinking is disabled.</param>
/// <param name="Exclude">Think but never return the reasoning.</param>
/// <param name="History">Whether prior turns keep their reasoning.</param>
internal sealed record ThinkingPlan(bool Disabled, ThinkingBudget? Budget, bool Exclude, ReasoningContext History);
