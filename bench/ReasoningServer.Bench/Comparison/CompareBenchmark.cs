using ReasoningServer.Bench.Common;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Bench.Comparison;

/// <summary>
/// bench/compare.sh: the same streaming load against our server and llama-server (same model, context, slots,
/// prompts, max tokens, greedy), each level on fresh processes in rotating order so machine noise hits all
/// alike, beside llama-batched-bench's raw batched decoding; then the single-stream prompt-length scaling.
/// </summary>
internal static class CompareBenchmark
{
    /// <summary>The window of the scaling runs: the 128k the server promises.</summary>
    private const int ScalingContext = 131072;

    private static readonly TimeSpan SettleAfterBuild = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(CompareArguments arguments)
    {
        // The builds bench/compare.sh ran just before still echo for a few seconds: the first program measured (the
        // raw single stream) once ran 4x slower than in any later run.
        await Task.Delay(SettleAfterBuild);
        var report = new CompareReport(arguments);
        List<CompareTarget> targets =
        [
            CompareTarget.ForLlamaServer(arguments.LlamaBin, arguments.Threads, arguments.UnifiedKv, arguments.LlamaServerArguments),
            CompareTarget.ForOurs(CompareTarget.Ours, arguments.ServerDll, arguments.LlamaBin, arguments.Threads, arguments.UnifiedKv, arguments.OurArguments),
        ];
        if (arguments.Prebuilt)
        {
            targets.Add(CompareTarget.ForOurs(CompareTarget.OursPrebuilt, arguments.ServerDll, null, arguments.Threads, arguments.UnifiedKv, arguments.OurArguments));
        }

        if (arguments.EngineOnly)
        {
            targets.Add(CompareTarget.ForEngineOnly(arguments.LlamaBin, arguments.Threads, arguments.UnifiedKv));
        }

        foreach (var name in arguments.Models)
        {
            var preset = Enum.Parse<TinyModelPreset>(name, ignoreCase: true);
            var modelPath = TinyModelCache.EnsureModel(preset);
            var section = report.StartModel(preset);
            for (var level = 0; level < arguments.Streams.Length; level++)
            {
                var load = new CompareLoad(modelPath, arguments.ContextSize, arguments.Parallel, arguments.Streams[level], arguments.PromptTokens, arguments.GeneratedTokens);
                for (var round = 0; round < arguments.Rounds; round++)
                {
                    section.Add(Print(await BatchedBenchRun.RunAsync(arguments.LlamaBin, load, arguments.Threads, arguments.UnifiedKv)), round);
                    foreach (var target in Rotate(targets, level + round))
                    {
                        var (measurement, threadLines) = await target.Run(load);
                        report.NoteThreads(target.Name, threadLines);
                        section.Add(Print(measurement), round);
                    }
                }
            }
        }

        if (arguments.ScalingPrompts.Length > 0)
        {
            var modelPath = TinyModelCache.EnsureModel(TinyModelPreset.Test);
            var scaling = report.StartScaling();
            var servers = targets.Where(t => t.Name is CompareTarget.LlamaServer or CompareTarget.Ours).ToList();
            for (var i = 0; i < arguments.ScalingPrompts.Length; i++)
            {
                // The prompt and its completion fit the window (128k means 131072 tokens in all).
                var prompt = Math.Min(arguments.ScalingPrompts[i], ScalingContext - arguments.ScalingGenerated - 64);
                var load = new CompareLoad(modelPath, ScalingContext, 1, 1, prompt, arguments.ScalingGenerated);
                for (var round = 0; round < arguments.Rounds; round++)
                {
                    foreach (var target in Rotate(servers, i + round))
                    {
                        scaling.Add(Print((await target.Run(load)).Measurement), round);
                    }
                }
            }
        }

        var text = report.Render();
        Console.WriteLine(text);
        if (arguments.ResultsPath is { } path)
        {
            await File.AppendAllTextAsync(path, text);
        }

        return 0;
    }

    /// <summary>Each level and round starts with a different target than the one before.</summary>
    private static IEnumerable<CompareTarget> Rotate(List<CompareTarget> targets, int turn) =>
        targets.Skip(turn % targets.Count).Concat(targets.Take(turn % targets.Count));

    private static StreamsMeasurement Print(StreamsMeasurement measurement)
    {
        Console.Error.WriteLine($"{measurement.Row()}  load {LoadAverage.Now}");
        return measurement;
    }
}
