using System.Text.Json;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.Text.Jinja;
using ReasoningServer.Reasoning.Tools;
using ReasoningServer.Serving.Tools;

namespace ReasoningServer.Serving.Templates;

/// <summary>
/// Tools for a model whose template shows none (or does not parse): the server describes them itself in a system
/// message — in Qwen's wording for the Hermes format, the fallback, or with the markup of the family the template
/// writes calls in (DeepSeek-V3's renders calls but no tool list) — which the tool-call parser then reads back.
/// </summary>
internal static class ToolPromptFallback
{
    private const string Opening =
        "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n" +
        "You are provided with function signatures within <tools></tools> XML tags:\n<tools>";

    private const string HermesClosing =
        "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
        "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

    /// <summary>Adds the tools' description to the first system message, or as a new one first.</summary>
    public static List<TemplateMessage> Apply(List<TemplateMessage> messages, ToolPlan? tools, PromptModel model)
    {
        if (tools is null || model.ShowsTools)
        {
            return messages;
        }

        var pieces = new List<(string, bool)> { (Opening, false) };
        foreach (var tool in tools.Tools)
        {
            pieces.Add(("\n", false));
            pieces.Add((JsonSerializer.Serialize(tool.Definition), true));
        }

        pieces.Add((Closing(model.ToolCalls), false));
        var description = string.Concat(pieces.Select(p => p.Item1));
        var result = new List<TemplateMessage>(messages.Count + 1);
        if (messages.Count > 0 && messages[0].Role == "system")
        {
            var system = messages[0].FlatContent;
            pieces.InsertRange(0, [(system, true), ("\n\n", false)]);
            result.Add(new TemplateMessage("system", SystemValue(pieces), $"{system}\n\n{description}"));
            result.AddRange(messages.Skip(1));
        }
        else
        {
            result.Add(new TemplateMessage("system", SystemValue(pieces), description));
            result.AddRange(messages);
        }

        return result;
    }

    private static string Closing(ToolCallFormat format) => format.Family == ToolCallFamily.Hermes
        ? HermesClosing
        : $"\n</tools>\n\nTo call functions, write the calls exactly in this form, with the arguments as a JSON object:\n{ToolCallMarkup.Example(format)}";

    private static JinjaValue SystemValue(List<(string, bool)> pieces) =>
        JinjaValue.Dict([new("role", JinjaValue.String("system")), new("content", TemplateText.Concat([.. pieces]))]);
}
