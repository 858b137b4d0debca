namespace ReasoningServer.Reasoning.Budgets;

/// <summary>The wire names of <see cref="ReasoningEffort"/>, as OpenAI spells them.</summary>
public static class ReasoningEffortNames
{
    private static readonly Dictionary<string, ReasoningEffort> ByName = new(StringComparer.Ordinal)
    {
        ["none"] = ReasoningEffort.None,
        ["minimal"] = ReasoningEffort.Minimal,
        ["low"] = ReasoningEffort.Low,
        ["medium"] = ReasoningEffort.Medium,
        ["high"] = ReasoningEffort.High,
        ["xhigh"] = ReasoningEffort.XHigh,
    };

    /// <summary>For error messages: <c>'none', 'minimal', …, 'xhigh'</c>.</summary>
    public static string Accepted { get; } = string.Join(", ", ByName.Keys.Select(k => $"'{k}'"));

    public static bool TryParse(string name, out ReasoningEffort effort) => ByName.TryGetValue(name, out effort);

    public static string ToName(ReasoningEffort effort) => ByName.First(p => p.Value == effort).Key;
}
