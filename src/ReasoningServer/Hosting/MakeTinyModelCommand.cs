using System.Globalization;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Hosting;

/// <summary><c>make-tiny-model OUT.gguf [--preset test|bench|large] [--seed N]</c>: writes one of the project's random-weight models.</summary>
internal static class MakeTinyModelCommand
{
    public const string Verb = "make-tiny-model";

    public static int Run(string[] args)
    {
        var output = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var preset = TinyModelPreset.Test;
        var seed = 42;
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--preset" && !Enum.TryParse(args[i + 1], ignoreCase: true, out preset))
            {
                return Fail($"Unknown preset '{args[i + 1]}'. Use one of: {string.Join(", ", Enum.GetNames<TinyModelPreset>())}.");
            }

            if (args[i] == "--seed" && !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out seed))
            {
                return Fail($"Invalid seed '{args[i + 1]}'.");
            }

            if (args[i] is "--preset" or "--seed")
            {
                i++;
            }
        }

        if (output is null)
        {
            return Fail($"Usage: {Verb} OUT.gguf [--preset test|bench|large] [--seed N]");
        }

        TinyModelGenerator.Generate(output, preset, seed);
        Console.WriteLine($"Wrote {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.0} MiB, preset {preset}, seed {seed}).");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
