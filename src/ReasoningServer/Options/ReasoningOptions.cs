using System.ComponentModel.DataAnnotations;
using ReasoningServer.Reasoning.Budgets;

namespace ReasoningServer.Options;

/// <summary>How the served model thinks and how much (section <c>Model:Reasoning</c>).</summary>
internal sealed class ReasoningOptions : IValidatableObject
{
    /// <summary><c>auto</c> (detected from the vocabulary), <c>think</c> (&lt;think&gt;…&lt;/think&gt;) or <c>none</c>.</summary>
    [RegularExpression("^(auto|think|none)$")]
    public string Format { get; set; } = "auto";

    /// <summary>The effort of a request that names none.</summary>
    public string DefaultEffort { get; set; } = "medium";

    /// <summary>Thinking budget in tokens per effort level (<c>none</c> is always 0).</summary>
    public Dictionary<string, int> EffortBudgets { get; set; } = new(StringComparer.Ordinal)
    {
        ["minimal"] = 256,
        ["low"] = 1024,
        ["medium"] = 4096,
        ["high"] = 16384,
        ["xhigh"] = 32768,
    };

    /// <summary>The server's ceiling on any thinking budget; a request can only lower it.</summary>
    [Range(0, 1 << 24)]
    public int MaxThinkingTokens { get; set; } = 32768;

    /// <summary>Forced into the thinking section when the budget is spent, right before the end tag.</summary>
    public string BudgetMessage { get; set; } = "\n\nI must answer now.\n";

    /// <summary>Replaces an end of thinking that comes before the request's <c>min_tokens</c>.</summary>
    [Required]
    [MinLength(1)]
    public string MinThinkingContinuation { get; set; } = "\nWait,";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ReasoningEffortNames.TryParse(DefaultEffort, out _))
        {
            yield return new ValidationResult($"DefaultEffort '{DefaultEffort}' is not one of {ReasoningEffortNames.Accepted}.", [nameof(DefaultEffort)]);
        }

        foreach (var (name, budget) in EffortBudgets)
        {
            if (!ReasoningEffortNames.TryParse(name, out var effort) || effort == ReasoningEffort.None)
            {
                yield return new ValidationResult($"EffortBudgets has an unknown level '{name}'.", [nameof(EffortBudgets)]);
            }
            else if (budget < 0)
            {
                yield return new ValidationResult($"EffortBudgets:{name} must not be negative.", [nameof(EffortBudgets)]);
            }
        }
    }
}
