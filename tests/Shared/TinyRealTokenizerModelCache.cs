using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Tests.Shared;

/// <summary>
/// Builds <see cref="TinyRealTokenizerModel"/>s into <c>${XDG_CACHE_HOME:-~/.cache}/reasoningserver/models/</c>, named
/// by a hash of everything the file depends on (tokenizer files, template, options, the generator's build), so a
/// changed input makes a new file and an unchanged one is reused across test runs. Two test processes building the
/// same model take turns on a lock file; the file is written beside and renamed, so no reader sees half of it.
/// </summary>
public static class TinyRealTokenizerModelCache
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly Dictionary<string, Lazy<string>> Built = new(StringComparer.Ordinal);

    /// <summary>The path of <paramref name="model"/>'s GGUF file, building it when the cache lacks it.</summary>
    public static string EnsureBuilt(TinyRealTokenizerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Lazy<string> build;
        lock (Built)
        {
            if (!Built.TryGetValue(model.Name, out build!))
            {
                build = new Lazy<string>(() => Build(model));
                Built[model.Name] = build;
            }
        }

        return build.Value;
    }

    private static string Build(TinyRealTokenizerModel model)
    {
        var options = model.Options;
        var folder = Path.Combine(UserCacheFolder.Root, "models");
        var path = Path.Combine(folder, $"tiny-{model.Name}-{InputHash(model, options)}.gguf");
        if (File.Exists(path))
        {
            return path;
        }

        using var building = CrossProcessLock.Acquire(path + ".lock", BuildTimeout);
        if (!File.Exists(path))
        {
            RealTokenizerModelGenerator.Generate(model.Tokenizer.FilesFolder, path, options);
        }

        return path;
    }

    private static string InputHash(TinyRealTokenizerModel model, RealTokenizerModelOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { HuggingFaceTokenizer.TokenizerFileName, HuggingFaceTokenizer.TokenizerConfigFileName })
        {
            hash.AppendData(File.ReadAllBytes(Path.Combine(model.Tokenizer.FilesFolder, file)));
        }

        // The options as JSON cover the template, replacements, sizes and ids; the engine assembly's module id
        // changes with any change to the generator's code (builds are deterministic, so not otherwise).
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(options));
        hash.AppendData(Encoding.UTF8.GetBytes(typeof(RealTokenizerModelGenerator).Assembly.ManifestModule.ModuleVersionId.ToString()));
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
