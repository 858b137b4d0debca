using System.Diagnostics;
using System.Globalization;
using ReasoningServer.Engine.Training;
using ReasoningServer.Native;

namespace ReasoningServer.Hosting;

/// <summary>
/// <c>train-tiny-reasoner OUT.gguf [--seed N] [--epochs N] [--windows N] [--threads N] [--lr X] [--window N] [--eval N] [--resume MODEL.gguf]</c>:
/// trains the tiny addition reasoner with llama.cpp's training API, then evaluates it on held-out sums.
/// </summary>
internal static class TrainTinyReasonerCommand
{
    public const string Verb = "train-tiny-reasoner";

    private const string Usage = $"Usage: {Verb} OUT.gguf [--seed 42] [--epochs 20] [--windows 900] [--threads 0] [--lr 0.0007] [--window 256] [--eval 50] [--resume MODEL.gguf] [--f32] [--lib-dir DIR]";

    public static async Task<int> RunAsync(string[] args)
    {
        var output = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var defaults = new TrainingOptions();
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (output is null || !TryNumber(Value("--seed"), defaults.Seed, out var seed) || !TryNumber(Value("--epochs"), defaults.Epochs, out var epochs)
            || !TryNumber(Value("--windows"), defaults.WindowsPerEpoch, out var windows) || !TryNumber(Value("--threads"), defaults.Threads, out var threads)
            || !TryNumber(Value("--eval"), defaults.EvaluationProblemsPerDigitCount, out var evaluation)
            || !TryNumber(Value("--window"), defaults.Window, out var window)
            || !float.TryParse(Value("--lr") ?? defaults.PeakLearningRate.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var learningRate))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var options = defaults with
        {
            Seed = seed,
            Epochs = epochs,
            WindowsPerEpoch = windows,
            Threads = threads,
            PeakLearningRate = learningRate,
            Window = window,
            ResumeFrom = Value("--resume"),
            WriteF32 = args.Contains("--f32"),
        };
        LlamaNativeLibrary.Initialize(Value("--lib-dir"), logSink: null);
        if (!LlamaNativeLibrary.TrainsCorrectly)
        {
            await Console.Error.WriteLineAsync($"The llama.cpp libraries in '{LlamaNativeLibrary.Directory}' cannot train: their optimizer adds up the " +
                "gradients of every earlier step and their attention keys and values get none. Build ours and pass it: --lib-dir \"$(native/llama.cpp/build.sh)\".");
            return 2;
        }

        Console.WriteLine($"Training {output}: {options.Epochs} epochs of {options.WindowsPerEpoch} windows (+{options.ValidationWindowsPerEpoch} validation), " +
            $"window {options.Window}, seed {options.Seed}, peak learning rate {options.PeakLearningRate}, {(threads > 0 ? threads : Environment.ProcessorCount)} threads" +
            (options.ResumeFrom is null ? "." : $", continuing from {options.ResumeFrom}."));
        var bar = new TrainingProgressBar();
        var report = new TinyReasonerTrainer(options).Train(output, bar);
        bar.Finish();

        foreach (var (epoch, index) in report.Epochs.Select((e, i) => (e, i + 1)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {index}: train loss {epoch.TrainLoss:0.0000} accuracy {epoch.TrainAccuracy:0.0000}; validation loss {epoch.ValidationLoss:0.0000} accuracy {epoch.ValidationAccuracy:0.0000}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {report.ParameterCount:N0} parameters in {report.TrainingTime:hh\\:mm\\:ss} ({report.WindowTokens / report.TrainingTime.TotalSeconds:0} window tokens/s, " +
            $"{report.ExampleTokens / report.TrainingTime.TotalSeconds:0} example tokens/s); wrote {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.00} MiB)."));

        // Anything unchanged besides the token embedding means a build without the attention patch.
        if (report.UntrainedTensors.Any(name => name != UntrainedTensors.NeverTrainedByLlamaCpp))
        {
            await Console.Error.WriteLineAsync($"warning: training left {report.UntrainedTensors.Count} tensors unchanged ({string.Join(", ", report.UntrainedTensors)}). " +
                "If attn_k/attn_v are among them, this llama.cpp build cannot train attention: pass --lib-dir \"$(native/llama.cpp/build.sh)\".");
        }

        if (evaluation > 0)
        {
            var clock = Stopwatch.StartNew();
            var table = await AdditionEvaluator.EvaluateFileAsync(output, evaluation, threads);
            Console.WriteLine($"Greedy accuracy on held-out sums ({evaluation} per digit count, {clock.Elapsed.TotalSeconds:0} s):");
            Console.WriteLine(table.ToMarkdown());
        }

        return 0;
    }

    private static bool TryNumber(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || int.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
