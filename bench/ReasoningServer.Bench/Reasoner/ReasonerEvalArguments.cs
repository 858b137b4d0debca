using System.Globalization;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Reasoner;

/// <summary>
/// Settings of <c>eval-reasoner</c>. Exactly one path: <c>--engine</c> (in process), <c>--url</c> (a running server)
/// or <c>--server</c> (start the built server on the model file).
/// </summary>
internal sealed record ReasonerEvalArguments(
    bool Engine,
    Uri? Url,
    string? ServerDll,
    string ModelPath,
    string ModelId,
    int Problems,
    IReadOnlyList<int> Budgets,
    int Concurrency,
    int Threads,
    string? ResultsPath)
{
    /// <summary>Budgets in thinking tokens: whole lines are 19 tokens, so these cut after 0, 1, 2, ... lines.</summary>
    private static readonly int[] DefaultBudgets = [0, 19, 38, 57, 76, 95, 114, 133, 152, 171];

    public static ReasonerEvalArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var budgets = Value("--budgets") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray()
            : DefaultBudgets;
        return new ReasonerEvalArguments(
            args.Contains("--engine"),
            Value("--url") is { } url ? new Uri(url) : null,
            Value("--server"),
            Value("--model") ?? Path.Combine(TinyReasonerModel.Folder, TinyReasonerModel.FileName),
            Value("--model-id") ?? TinyReasonerModel.Id,
            Number("--problems", 100),
            budgets,
            Number("--concurrency", 4),
            Number("--threads", 0),
            Value("--results"));
    }
}
