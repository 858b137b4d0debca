using Microsoft.Extensions.DependencyInjection;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Serving;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// The server with a small effort→budget table, so that every level can be run to its budget in a test.
/// </summary>
public sealed class ReasoningServerFixture : ServerFixture
{
    public const int Ceiling = 64;

    public static readonly IReadOnlyDictionary<string, int> Budgets = new Dictionary<string, int>
    {
        ["minimal"] = 8, ["low"] = 16, ["medium"] = 24, ["high"] = 40, ["xhigh"] = Ceiling,
    };

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(
        Budgets.Select(b => KeyValuePair.Create($"Model:Reasoning:EffortBudgets:{b.Key}", (string?)b.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))))
    {
        ["Model:Reasoning:MaxThinkingTokens"] = Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The token ids the server forces, as it tokenized its configured message and continuation.</summary>
    internal BudgetForcingTokens Forcing => Services.GetRequiredService<ModelHost>().Current!.Thinking.Forcing!;
}
