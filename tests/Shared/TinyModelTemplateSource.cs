using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Tests.Shared;

/// <summary>Where a tiny model's chat template comes from: its tokenizer package's tokenizer_config.json, or a llama.cpp template file.</summary>
/// <param name="LlamaCppName">The llama.cpp template's name (see <see cref="LlamaCppTemplates"/>), or null for the package's own.</param>
public sealed record TinyModelTemplateSource(string? LlamaCppName)
{
    public static TinyModelTemplateSource Package { get; } = new((string?)null);

    public static TinyModelTemplateSource LlamaCpp(string name) => new(name);

    /// <summary>The template text.</summary>
    public string Read(OracleTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (LlamaCppName is not null)
        {
            return LlamaCppTemplates.Read(LlamaCppName);
        }

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(tokenizer.FilesFolder, HuggingFaceTokenizer.TokenizerConfigFileName)));
        return (string?)config?["chat_template"] ?? throw new InvalidDataException($"{tokenizer.PackageName} has no chat_template.");
    }

    public override string ToString() => LlamaCppName is null ? "package" : $"llama.cpp {LlamaCppName}";
}
