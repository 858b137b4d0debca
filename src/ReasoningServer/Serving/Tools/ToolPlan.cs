namespace ReasoningServer.Serving.Tools;

/// <summary>The tools of one chat request, validated: what the template shows, what the model may call, and how.</summary>
/// <param name="Tools">The callable functions (after <c>allowed_tools</c>), in the request's order.</param>
/// <param name="Forced">With <see cref="ToolChoiceMode.Named"/>: the function the model must call.</param>
/// <param name="Parallel"><c>parallel_tool_calls</c>: false allows at most one call per turn.</param>
internal sealed record ToolPlan(IReadOnlyList<ToolSpec> Tools, ToolChoiceMode Mode, string? Forced, bool Parallel)
{
    public IReadOnlySet<string> Names { get; } = Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
}
