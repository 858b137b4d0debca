using ReasoningServer.Engine.Training;

namespace ReasoningServer.Bench.Reasoner;

/// <summary>A way to ask the tiny reasoner a sum at temperature 0: through the engine in process, or through the HTTP API.</summary>
internal interface IAdditionSolver
{
    /// <summary>Names the path in the report.</summary>
    string Description { get; }

    /// <summary>With thinking, or (<paramref name="direct"/>) with <c>reasoning_effort: none</c>.</summary>
    Task<SolvedSum> SolveAsync(AdditionProblem problem, bool direct);

    /// <summary>With at most <paramref name="budget"/> thinking tokens.</summary>
    Task<SolvedSum> SolveWithBudgetAsync(AdditionProblem problem, int budget);
}
