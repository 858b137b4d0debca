using System.Text.Json;
using ReasoningServer.Engine.Text.Jinja;
using ReasoningServer.Errors;
using ReasoningServer.Serving.Tools;

namespace ReasoningServer.Serving.Templates;

/// <summary>
/// The chat template's variables beside <c>messages</c>, as Hugging Face passes them: <c>tools</c>, <c>bos_token</c>,
/// <c>eos_token</c>, and the request's <c>chat_template_kwargs</c> (llama-server's and vLLM's field) — with
/// <c>enable_thinking = false</c> added when thinking is off and the template knows the switch (Qwen3).
/// </summary>
internal static class TemplateVariables
{
    public const string KwargsParam = "chat_template_kwargs";

    private static readonly HashSet<string> Reserved = ["messages", "add_generation_prompt", "tools", "bos_token", "eos_token"];

    /// <summary>The request's <c>enable_thinking</c>, when its kwargs set it.</summary>
    public static bool? EnableThinking(JsonElement? kwargs) =>
        kwargs is { ValueKind: JsonValueKind.Object } k && k.TryGetProperty("enable_thinking", out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw OpenAIException.InvalidRequest(
                    $"Invalid '{KwargsParam}.enable_thinking': expected a boolean.", $"{KwargsParam}.enable_thinking", "invalid_type"),
            }
            : null;

    public static Dictionary<string, JinjaValue> Build(PromptModel model, ToolPlan? tools, JsonElement? kwargs, bool thinkingDisabled)
    {
        var tokenizer = model.Tokenizer;
        var variables = new Dictionary<string, JinjaValue>(StringComparer.Ordinal)
        {
            ["bos_token"] = JinjaValue.String(tokenizer.BeginningOfSequence is { } bos ? tokenizer.GetVocabularyText(bos) : string.Empty),
            ["eos_token"] = JinjaValue.String(tokenizer.EndOfSequence is { } eos ? tokenizer.GetVocabularyText(eos) : string.Empty),
        };
        if (tools is not null && model.ShowsTools)
        {
            variables["tools"] = JinjaValue.List(tools.Tools.Select(t => JinjaValue.FromJson(t.Definition)));
        }

        switch (kwargs)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.Object } given:
                foreach (var property in given.EnumerateObject())
                {
                    if (Reserved.Contains(property.Name))
                    {
                        throw OpenAIException.InvalidRequest(
                            $"Invalid '{KwargsParam}': '{property.Name}' is set by the server and cannot be passed.", $"{KwargsParam}.{property.Name}", "invalid_value");
                    }

                    variables[property.Name] = JinjaValue.FromJson(property.Value);
                }

                break;
            default:
                throw OpenAIException.InvalidRequest($"Invalid '{KwargsParam}': expected an object.", KwargsParam, "invalid_type");
        }

        if (thinkingDisabled && model.Template.Mentions("enable_thinking"))
        {
            variables["enable_thinking"] = JinjaValue.False;
        }

        return variables;
    }
}
