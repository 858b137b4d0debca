namespace ReasoningServer.Tests.Shared;

/// <summary>
/// llama.cpp's collection of real models' chat templates (<c>models/templates/*.jinja</c>) from the source that
/// native/llama.cpp/fetch-source.sh checks out of the npm package node-llama-cpp@3.22.1: the checkout build.sh made
/// when there is one, else fetched into the same cache (tests/oracle/llama-cpp-templates.sh).
/// </summary>
public static class LlamaCppTemplates
{
    /// <summary>DeepSeek-R1's template, as its Qwen-32B distill ships it (opens <c>&lt;think&gt;</c> in the generation prompt).</summary>
    public const string DeepSeekR1DistillQwen32B = "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B";

    /// <summary>Meta's Llama 3.1 Instruct template (tools, date string, ipython role).</summary>
    public const string Llama31Instruct = "meta-llama-Llama-3.1-8B-Instruct";

    public const string Qwen3 = "Qwen-Qwen3-0.6B";

    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(10);

    private static readonly Lazy<string> TemplatesFolder = new(() =>
        ExternalTool.Run("bash", [Path.Combine(RepositoryFolders.Oracle, "llama-cpp-templates.sh")], RepositoryFolders.Root, FetchTimeout).Trim());

    /// <summary>The folder of <c>*.jinja</c> files.</summary>
    public static string Folder => TemplatesFolder.Value;

    /// <summary>The text of template <paramref name="name"/> (its file name without <c>.jinja</c>).</summary>
    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name + ".jinja"));
}
