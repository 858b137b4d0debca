using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Hosting;

/// <summary>
/// The project's generated tiny model, made on first use and kept in the user's cache folder so the
/// README's first command works on a bare machine. Deterministic, so a cached file is always the same model.
/// </summary>
internal static class TinyModelCache
{
    public const int Seed = 42;

    public static string EnsureModel(TinyModelPreset preset)
    {
        var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var folder = Path.Combine(cacheRoot, "reasoningserver", "models");
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
