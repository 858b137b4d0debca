using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Engine.Training;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Reasoner;

/// <summary>
/// The test-time-scaling table of the tiny reasoner on held-out sums of 2 to 8 digits (never trained on):
/// accuracy with thinking versus <c>reasoning_effort: none</c> per digit count, and accuracy versus a thinking
/// budget. Greedy (temperature 0), so every number is reproducible.
/// </summary>
internal static class ReasonerEvaluation
{
    public static async Task<int> RunAsync(ReasonerEvalArguments arguments)
    {
        var paths = (arguments.Engine ? 1 : 0) + (arguments.Url is null ? 0 : 1) + (arguments.ServerDll is null ? 0 : 1);
        if (paths != 1)
        {
            Console.Error.WriteLine("Choose one path: --engine, --url http://127.0.0.1:8080 or --server PATH/ReasoningServer.dll.");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        string report;
        if (arguments.Engine)
        {
            LlamaNativeLibrary.Initialize(null, null);
            using var model = LoadedModel.Load(new ModelLoadOptions(arguments.ModelPath) { GpuLayers = 0 });
            using var engine = new InferenceEngine(model, new EngineOptions
            {
                ContextSize = 4096,
                Slots = arguments.Concurrency,
                Threads = arguments.Threads,
                BatchThreads = arguments.Threads,
                QueueCapacity = 4096,
            }, NullLogger<InferenceEngine>.Instance);
            await engine.StartAsync();
            var evaluator = new AdditionEvaluator(engine, ChatTemplate.Create(model.ChatTemplateSource, ByteLevelBpeVocabulary.ThinkStart));
            report = await MeasureAsync(new EngineAdditionSolver(evaluator, arguments.ModelPath), arguments);
        }
        else if (arguments.Url is { } url)
        {
            report = await MeasureAsync(new HttpAdditionSolver(url, arguments.ModelId), arguments);
        }
        else
        {
            await using var server = await ServerProcess.StartAsync(arguments.ServerDll!, arguments.ModelPath, 4096, arguments.Threads, modelId: arguments.ModelId);
            report = await MeasureAsync(new HttpAdditionSolver(server.BaseAddress, arguments.ModelId), arguments);
        }

        report += string.Create(CultureInfo.InvariantCulture, $"\nMeasured in {clock.Elapsed.TotalSeconds:0} s.\n");
        Console.WriteLine(report);
        if (arguments.ResultsPath is { } results)
        {
            await File.AppendAllTextAsync(results, report);
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(IAdditionSolver solver, ReasonerEvalArguments arguments)
    {
        var digitCounts = Enumerable.Range(AdditionProblemGenerator.MinHeldOutDigits, AdditionProblemGenerator.MaxDigits - AdditionProblemGenerator.MinHeldOutDigits + 1).ToArray();
        var problems = digitCounts.ToDictionary(d => d, d => AdditionProblemGenerator.HeldOut(d, arguments.Problems));
        using var gate = new SemaphoreSlim(arguments.Concurrency * 2);

        async Task<SolvedSum[]> All(IReadOnlyList<AdditionProblem> sums, Func<AdditionProblem, Task<SolvedSum>> solve) =>
            await Task.WhenAll(sums.Select(async sum =>
            {
                await gate.WaitAsync();
                try
                {
                    return await solve(sum);
                }
                finally
                {
                    gate.Release();
                }
            }));

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n### Tiny reasoner: thinking versus direct, and thinking budgets ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        text.AppendLine(CultureInfo.InvariantCulture, $"Path: {solver.Description}. {arguments.Problems} held-out sums per digit count (both operands that long), temperature 0, answer = last number in the reply.\n");
        text.AppendLine("| digits | thinking | direct (`reasoning_effort: none`) | mean reasoning tokens | thinking closed by the model |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var digits in digitCounts)
        {
            Console.Error.WriteLine($"{digits} digits: thinking and direct...");
            var thinking = await All(problems[digits], p => solver.SolveAsync(p, direct: false));
            var direct = await All(problems[digits], p => solver.SolveAsync(p, direct: true));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {digits} | {Share(thinking, s => s.Correct):P0} | {Share(direct, s => s.Correct):P0} | {thinking.Average(s => s.ReasoningTokens):0.0} | {Share(thinking, s => s.SelfClosed):P0} |");
        }

        text.AppendLine();
        text.AppendLine("Accuracy versus thinking budget (`\"reasoning\": {\"max_tokens\": N}`; each line of the chain is 19 tokens, a d-digit sum needs d or d + 1 lines):\n");
        text.AppendLine("| budget (tokens) | " + string.Join(" | ", digitCounts.Select(d => $"{d} digits")) + " |");
        text.AppendLine("|---:|" + string.Concat(digitCounts.Select(_ => "---:|")));
        foreach (var budget in arguments.Budgets)
        {
            Console.Error.WriteLine($"budget {budget}...");
            var cells = new List<string>();
            foreach (var digits in digitCounts)
            {
                var solved = await All(problems[digits], p => solver.SolveWithBudgetAsync(p, budget));
                cells.Add(Share(solved, s => s.Correct).ToString("P0", CultureInfo.InvariantCulture));
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"| {budget} | {string.Join(" | ", cells)} |");
        }

        text.AppendLine();
        text.AppendLine("Accuracy versus samples with self-consistency (and pass@k): `bash bench/test-time.sh --model PATH` (issue 7).");
        return text.ToString();
    }

    private static double Share(IReadOnlyList<SolvedSum> solved, Func<SolvedSum, bool> predicate) =>
        solved.Count == 0 ? 0 : (double)solved.Count(predicate) / solved.Count;
}
