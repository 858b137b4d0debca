using System.Collections.Concurrent;
using ReasoningServer.Engine.Training;

namespace ReasoningServer.Bench.Reasoner;

/// <summary>
/// Asks through <see cref="AdditionEvaluator"/> (the engine, no HTTP): direct answers continue the prompt after
/// <c>&lt;/think&gt;\n\n</c>, budgets cut the greedy chain and close it, which is what the server's
/// <c>reasoning_effort: none</c> and thinking budgets are to do.
/// </summary>
internal sealed class EngineAdditionSolver(AdditionEvaluator evaluator, string modelPath) : IAdditionSolver
{
    private readonly ConcurrentDictionary<AdditionProblem, Task<AdditionAttempt>> _unlimited = new();

    public string Description => $"engine in process (`{Path.GetFileName(modelPath)}`, no HTTP)";

    public async Task<SolvedSum> SolveAsync(AdditionProblem problem, bool direct) =>
        Solved(direct ? await evaluator.SolveAsync(problem, direct: true) : await Unlimited(problem));

    public async Task<SolvedSum> SolveWithBudgetAsync(AdditionProblem problem, int budget) =>
        Solved(await evaluator.SolveWithBudgetAsync(await Unlimited(problem), budget));

    // Greedy decoding is deterministic: the unlimited chain is computed once and cut for each budget.
    private Task<AdditionAttempt> Unlimited(AdditionProblem problem) =>
        _unlimited.GetOrAdd(problem, p => evaluator.SolveAsync(p, direct: false));

    private static SolvedSum Solved(AdditionAttempt attempt) => new(attempt.IsCorrect, attempt.ReasoningTokens, attempt.ClosedThinking);
}
