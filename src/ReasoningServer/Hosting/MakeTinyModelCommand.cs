using System.Globalization;
using ReasoningServer.Engine.Gguf;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Hosting;

/// <summary>
/// <c>make-tiny-model OUT.gguf [--preset test|bench|large] [--seed N]</c>: writes one of the project's random-weight models;
/// with <c>--tokenizer FOLDER</c>, a random-weight model with the real tokenizer of a Hugging Face folder instead.
/// </summary>
internal static class MakeTinyModelCommand
{
    public const string Verb = "make-tiny-model";

    private const string Usage =
        $"""
        Usage: {Verb} OUT.gguf [--preset test|bench|large] [--seed N]
               {Verb} --tokenizer FOLDER [--out] OUT.gguf [--chat-template-file FILE] [--pre NAME] [--token-preset NAME]
                      [--vocab-size N] [--context-length N] [--name NAME] [--f32] [--seed N]
          --tokenizer FOLDER        a Hugging Face folder with tokenizer.json (and tokenizer_config.json, config.json if there)
          --chat-template-file FILE tokenizer.chat_template from FILE instead of tokenizer_config.json's
          --pre NAME                llama.cpp's tokenizer.ggml.pre when the pre-tokenizer is not detected (qwen2, llama-bpe, deepseek-v3, ...)
          --token-preset NAME       token renames of a derived family: deepseek-r1 (V3's tokenizer with <think>, </think>),
                                    llama-3.1 (Llama 3's with <|eom_id|>, <|python_tag|>, ...)
          --vocab-size N            token ids including padding, as the model's config.json vocab_size
          --context-length N        llama.context_length (default 131072)
        """;

    private static readonly HashSet<string> ValueOptions =
        ["--preset", "--seed", "--tokenizer", "--out", "--chat-template-file", "--pre", "--token-preset", "--vocab-size", "--context-length", "--name"];

    public static int Run(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string? positional = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (ValueOptions.Contains(args[i]))
            {
                if (i + 1 >= args.Length)
                {
                    return Fail($"{args[i]} needs a value.\n{Usage}");
                }

                values[args[i]] = args[++i];
            }
            else if (args[i] == "--f32")
            {
                flags.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) || positional is not null)
            {
                return Fail($"Unexpected argument '{args[i]}'.\n{Usage}");
            }
            else
            {
                positional = args[i];
            }
        }

        var output = values.GetValueOrDefault("--out") ?? positional;
        var seed = 42;
        if (values.TryGetValue("--seed", out var seedText) && !int.TryParse(seedText, CultureInfo.InvariantCulture, out seed))
        {
            return Fail($"Invalid seed '{seedText}'.");
        }

        if (output is null)
        {
            return Fail(Usage);
        }

        return values.TryGetValue("--tokenizer", out var folder)
            ? MakeWithTokenizer(folder, output, seed, values, flags.Contains("--f32"))
            : MakePreset(output, seed, values.GetValueOrDefault("--preset"));
    }

    private static int MakePreset(string output, int seed, string? presetName)
    {
        var preset = TinyModelPreset.Test;
        if (presetName is not null && !Enum.TryParse(presetName, ignoreCase: true, out preset))
        {
            return Fail($"Unknown preset '{presetName}'. Use one of: {string.Join(", ", Enum.GetNames<TinyModelPreset>())}.");
        }

        TinyModelGenerator.Generate(output, preset, seed);
        Console.WriteLine($"Wrote {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.0} MiB, preset {preset}, seed {seed}).");
        return 0;
    }

    private static int MakeWithTokenizer(string folder, string output, int seed, Dictionary<string, string> values, bool f32)
    {
        IReadOnlyList<TokenReplacement> replacements = [];
        if (values.TryGetValue("--token-preset", out var presetName))
        {
            var preset = TokenReplacementPresets.Find(presetName);
            if (preset is null)
            {
                return Fail($"Unknown token preset '{presetName}'. Use one of: {string.Join(", ", TokenReplacementPresets.Names)}.");
            }

            replacements = preset;
        }

        if (!TryReadPositive(values, "--vocab-size", out var vocabularySize) || !TryReadPositive(values, "--context-length", out var contextLength))
        {
            return Fail(Usage);
        }

        var templateFile = values.GetValueOrDefault("--chat-template-file");
        var options = new RealTokenizerModelOptions
        {
            Name = values.GetValueOrDefault("--name") ?? $"tiny-{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}",
            ContextLength = contextLength ?? new RealTokenizerModelOptions().ContextLength,
            MatrixType = f32 ? GgmlTensorType.F32 : GgmlTensorType.F16,
            Seed = seed,
            Tokenizer = new TokenizerConversionOptions
            {
                PreTokenizer = values.GetValueOrDefault("--pre"),
                ChatTemplate = templateFile is null ? null : File.ReadAllText(templateFile),
                TokenReplacements = replacements,
                VocabularySize = vocabularySize,
            },
        };

        GgufTokenizerMetadata vocabulary;
        try
        {
            vocabulary = RealTokenizerModelGenerator.Generate(folder, output, options);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidDataException or FileNotFoundException or ArgumentException)
        {
            return Fail(ex.Message);
        }

        Console.WriteLine($"Wrote {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.0} MiB): {vocabulary.Count} tokens, "
            + $"pre-tokenizer {vocabulary.PreTokenizer}, {vocabulary.Merges.Count} merges, "
            + (vocabulary.ChatTemplate is null ? "no chat template" : $"chat template of {vocabulary.ChatTemplate.Length} characters") + ".");
        return 0;
    }

    private static bool TryReadPositive(Dictionary<string, string> values, string option, out int? value)
    {
        value = null;
        if (!values.TryGetValue(option, out var text))
        {
            return true;
        }

        if (!int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
        {
            Console.Error.WriteLine($"Invalid {option} '{text}'.");
            return false;
        }

        value = parsed;
        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
