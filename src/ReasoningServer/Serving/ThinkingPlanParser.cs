using ReasoningServer.Errors;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Reasoning.History;

namespace ReasoningServer.Serving;

/// <summary>Reads a chat request's reasoning controls — <c>reasoning_effort</c>, <c>reasoning</c>, <c>thinking_budget_tokens</c> — into a <see cref="ThinkingPlan"/>.</summary>
internal static class ThinkingPlanParser
{
    /// <param name="enableThinking">The request's <c>chat_template_kwargs.enable_thinking</c>: false turns thinking off like effort <c>none</c>.</param>
    public static ThinkingPlan Parse(ChatCompletionRequest request, ServedModel model, bool? enableThinking = null)
    {
        var reasoning = request.Reasoning;
        var policy = model.Thinking;
        var effort = Effort(request.ReasoningEffort, reasoning?.Effort, policy.DefaultEffort);
        if (enableThinking is { } enabled && (request.ReasoningEffort ?? reasoning?.Effort) is not null && enabled != (effort != ReasoningEffort.None))
        {
            throw OpenAIException.InvalidRequest(
                $"'chat_template_kwargs.enable_thinking' ({(enabled ? "true" : "false")}) and the reasoning effort ('{request.ReasoningEffort ?? reasoning?.Effort}') disagree; send one of them.",
                "chat_template_kwargs.enable_thinking", "invalid_value");
        }

        if (enableThinking == false)
        {
            effort = ReasoningEffort.None;
        }

        var explicitBudget = ExplicitBudget(request.ThinkingBudgetTokens, reasoning?.MaxTokens);
        var budget = Math.Min(explicitBudget ?? policy.BudgetFor(effort), policy.Ceiling);
        var minimum = reasoning?.MinTokens ?? 0;
        if (minimum < 0)
        {
            throw OpenAIException.InvalidRequest($"Invalid 'reasoning.min_tokens': {minimum}. It must not be negative.", "reasoning.min_tokens", "invalid_value");
        }

        if (minimum > budget)
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'reasoning.min_tokens': {minimum} is more than the thinking budget of {budget} tokens.", "reasoning.min_tokens", "invalid_value");
        }

        var history = Context(reasoning?.Context);
        var exclude = reasoning?.Exclude ?? false;
        if (model.ReasoningFormat is null)
        {
            return new ThinkingPlan(Disabled: false, Budget: null, exclude, history); // nothing to steer or close
        }

        var disabled = budget == 0;
        return new ThinkingPlan(disabled, disabled ? null : new ThinkingBudget(budget, minimum), exclude, history);
    }

    private static ReasoningEffort Effort(string? topLevel, string? nested, ReasoningEffort fallback)
    {
        if (topLevel is not null && nested is not null && topLevel != nested)
        {
            throw OpenAIException.InvalidRequest(
                $"'reasoning_effort' ('{topLevel}') and 'reasoning.effort' ('{nested}') disagree; send one of them.", "reasoning.effort", "invalid_value");
        }

        var name = topLevel ?? nested;
        if (name is null)
        {
            return fallback;
        }

        return ReasoningEffortNames.TryParse(name, out var effort)
            ? effort
            : throw OpenAIException.InvalidRequest(
                $"Invalid value for 'reasoning_effort': '{name}'. Supported values are: {ReasoningEffortNames.Accepted}.",
                topLevel is not null ? "reasoning_effort" : "reasoning.effort", "invalid_value");
    }

    private static int? ExplicitBudget(int? alias, int? nested)
    {
        if (alias is not null && nested is not null && alias != nested)
        {
            throw OpenAIException.InvalidRequest(
                $"'thinking_budget_tokens' ({alias}) and 'reasoning.max_tokens' ({nested}) disagree; send one of them.", "reasoning.max_tokens", "invalid_value");
        }

        var budget = alias ?? nested;
        return budget is < 0
            ? throw OpenAIException.InvalidRequest($"Invalid 'reasoning.max_tokens': {budget}. It must not be negative.",
                alias is not null ? "thinking_budget_tokens" : "reasoning.max_tokens", "invalid_value")
            : budget;
    }

    private static ReasoningContext Context(string? name) => name switch
    {
        null or "auto" or "current_turn" => ReasoningContext.CurrentTurn,
        "all_turns" => ReasoningContext.AllTurns,
        _ => throw OpenAIException.InvalidRequest(
            $"Invalid value for 'reasoning.context': '{name}'. Supported values are: 'auto', 'current_turn', 'all_turns'.", "reasoning.context", "invalid_value"),
    };
}
