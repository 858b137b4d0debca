using System.Globalization;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.TestTime;

/// <summary>Settings of <c>test-time</c>: accuracy vs samples on the tiny reasoner, and the wall time of batched samples.</summary>
/// <param name="Samples">Sample counts of the accuracy table; the largest is what each problem's one request runs.</param>
/// <param name="Rounds">Repetitions of the wall-time comparison (the median is reported).</param>
/// <param name="LibraryDirectory">The llama.cpp libraries the server loads (<c>--lib-dir</c>); null: its default, the npm prebuilt ones.</param>
internal sealed record TestTimeArguments(
    string ServerDll,
    string ModelPath,
    int Problems,
    IReadOnlyList<int> Samples,
    float Temperature,
    bool Accuracy,
    bool WallTime,
    int WallSamples,
    int WallTokens,
    int Rounds,
    int Threads,
    string? LibraryDirectory,
    string? ResultsPath)
{
    public static TestTimeArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new TestTimeArguments(
            Value("--server") ?? throw new ArgumentException("--server PATH/ReasoningServer.dll is required."),
            Value("--model") ?? Path.Combine(TinyReasonerModel.Folder, TinyReasonerModel.FileName),
            Number("--problems", 20),
            Value("--samples") is { } list ? [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order()] : [1, 2, 4, 8, 16],
            Value("--temperature") is { } t ? float.Parse(t, CultureInfo.InvariantCulture) : 0.8f,
            !args.Contains("--no-accuracy"),
            !args.Contains("--no-wall-time"),
            Number("--wall-samples", 8),
            Number("--wall-tokens", 128),
            Number("--rounds", 3),
            Number("--threads", 0),
            Value("--lib-dir"),
            Value("--results"));
    }
}
