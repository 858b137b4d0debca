using ReasoningServer.Native;

namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// The project's generated tiny model, made on first use and kept in the user's cache folder so the
/// README's first command works on a bare machine. Deterministic, so a cached file is always the same model.
/// </summary>
public static class TinyModelCache
{
    public const int Seed = 42;

    public static string EnsureModel(TinyModelPreset preset)
    {
        var folder = Path.Combine(UserCacheFolder.Root, "models");
        var path = Path.Combine(folder, $"tiny-reasoner-{preset.ToString().ToLowerInvariant()}-seed{Seed}.gguf");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(folder);
        // Write beside, then rename: a concurrent start never sees a half-written file.
        var partial = $"{path}.{Environment.ProcessId}.partial";
        TinyModelGenerator.Generate(partial, preset, Seed);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
