using static ReasoningServer.Reasoning.Tools.ToolCallMarkers;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>
/// Finds how a model writes tool calls from its chat template (the text its template renders an assistant call
/// as, or instructs the model to write), with the vocabulary deciding whether markers are token triggers.
/// </summary>
public static class ToolCallFormatDetector
{
    // Templates that mention <tool_call> but write calls in some other shape (XML parameters, arrays, invoke tags).
    private static readonly string[] NotHermesJson = ["<function=", "<arg_key>", "<invoke", "<tool_calls>", "<parameter="];

    // Llama-based templates of other families (Functionary's <function=…>, Firefunction's functools[…], Functionary v3.2's >>>).
    private static readonly string[] NotLlamaJson = ["<function=", "functools[", ">>>"];

    /// <summary>The sentence Meta's Llama 3.1 / 3.2 / 3.3 templates use to ask for a JSON call.</summary>
    private const string LlamaInstruction = "{\"name\": function name, \"parameters\": dictionary of argument name and its value}";

    /// <param name="chatTemplateSource">The model's Jinja chat template; null when it has none.</param>
    /// <param name="isSingleToken">Whether the model's vocabulary has a text as one token.</param>
    /// <returns>
    /// The format, or null when the template shows no tool support we read (the host then describes tools in the
    /// Hermes format itself, <see cref="ToolCallFormat.Hermes"/>). Templates of other tool families (Qwen3-Coder's
    /// XML, GLM, Mistral, …) also give null: they are not supported yet.
    /// </returns>
    public static ToolCallFormat? Detect(string? chatTemplateSource, Func<string, bool> isSingleToken)
    {
        if (string.IsNullOrEmpty(chatTemplateSource))
        {
            return null;
        }

        var template = chatTemplateSource;
        if (template.Contains(DeepSeekCallsBegin, StringComparison.Ordinal) || template.Contains(DeepSeekCallBegin, StringComparison.Ordinal))
        {
            // R1 and V3 templates put the arguments in a json fence; V3.1's write them right after the separator.
            return template.Contains("```json", StringComparison.Ordinal)
                ? ToolCallFormat.DeepSeekR1(isSingleToken)
                : ToolCallFormat.DeepSeekV31(isSingleToken);
        }

        if (template.Contains(HermesCallStart, StringComparison.Ordinal) && Mentions(template, "arguments") &&
            !NotHermesJson.Any(m => template.Contains(m, StringComparison.Ordinal)))
        {
            return ToolCallFormat.Hermes(isSingleToken);
        }

        if (IsLlamaJson(template))
        {
            return ToolCallFormat.Llama3Json(isSingleToken);
        }

        return null;
    }

    private static bool IsLlamaJson(string template)
    {
        if (NotLlamaJson.Any(m => template.Contains(m, StringComparison.Ordinal)))
        {
            return false;
        }

        if (template.Contains(LlamaInstruction, StringComparison.Ordinal))
        {
            return true;
        }

        // A Llama 3 header layout that renders calls as {"name": …, "parameters": …} for the ipython role.
        return template.Contains("<|start_header_id|>", StringComparison.Ordinal) && Mentions(template, "parameters") &&
               (template.Contains("ipython", StringComparison.Ordinal) || template.Contains(LlamaPythonTag, StringComparison.Ordinal));
    }

    // A JSON key as a template writes it: quoted plainly or with escaped quotes inside a string literal.
    private static bool Mentions(string template, string key) =>
        template.Contains($"\"{key}\"", StringComparison.Ordinal) || template.Contains($"\\\"{key}\\\"", StringComparison.Ordinal);
}
