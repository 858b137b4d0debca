using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Options;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Serving;

/// <summary>
/// The served model's thinking rules: its effort→budget table, the server's ceiling, and the token ids
/// that budget forcing needs. Built once when the model loads.
/// </summary>
internal sealed class ThinkingPolicy
{
    private readonly Dictionary<ReasoningEffort, int> _budgets;
    private readonly Tokenizer _tokenizer;

    public ThinkingPolicy(ReasoningOptions options, ReasoningFormat? format, Tokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        ReasoningEffortNames.TryParse(options.DefaultEffort, out var defaultEffort); // validated on start
        DefaultEffort = defaultEffort;
        Ceiling = options.MaxThinkingTokens;
        _budgets = new Dictionary<ReasoningEffort, int> { [ReasoningEffort.None] = 0 };
        foreach (var (name, budget) in options.EffortBudgets)
        {
            ReasoningEffortNames.TryParse(name, out var effort);
            _budgets[effort] = budget;
        }

        Forcing = format is null ? null : BudgetForcingTokens.Create(tokenizer, format, options.BudgetMessage, options.MinThinkingContinuation);
    }

    public ReasoningEffort DefaultEffort { get; }

    /// <summary>No request thinks longer than this.</summary>
    public int Ceiling { get; }

    /// <summary>Null when the model's delimiters are not single tokens: budgets cannot be enforced.</summary>
    public BudgetForcingTokens? Forcing { get; }

    /// <summary>The table's budget for an effort level, under the ceiling; a level missing from the table falls back to the ceiling.</summary>
    public int BudgetFor(ReasoningEffort effort) => Math.Min(_budgets.GetValueOrDefault(effort, Ceiling), Ceiling);

    /// <summary>A fresh state machine for one sequence, or null when nothing is to be steered.</summary>
    public ITokenSteering? CreateSteering(ThinkingBudget? budget, bool thinkingOpenedByPrompt) =>
        budget is not null && Forcing is not null ? new ThinkingBudgetSteering(budget, Forcing, _tokenizer, thinkingOpenedByPrompt) : null;
}
