using System.Text.Json;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.Text.Jinja;
using ReasoningServer.Serving.Tools;

namespace ReasoningServer.Serving.Templates;

/// <summary>
/// Tools for a model whose template knows none (or does not parse): the server describes them itself in a system
/// message, in the Hermes format (Qwen's wording) that the tool-call parser then reads back; history calls and
/// results are written in the same markup by <see cref="ChatMessageReader"/>.
/// </summary>
internal static class ToolPromptFallback
{
    private const string Opening =
        "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n" +
        "You are provided with function signatures within <tools></tools> XML tags:\n<tools>";

    private const string Closing =
        "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
        "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

    /// <summary>Whether the model's own template shows tools to the model (a parsed template that uses <c>tools</c>).</summary>
    public static bool TemplateRendersTools(PromptModel model) => !model.Template.IsFallback && model.Template.Mentions("tools");

    /// <summary>Adds the tools' description to the first system message, or as a new one first.</summary>
    public static List<TemplateMessage> Apply(List<TemplateMessage> messages, ToolPlan? tools, PromptModel model)
    {
        if (tools is null || TemplateRendersTools(model))
        {
            return messages;
        }

        var pieces = new List<(string, bool)> { (Opening, false) };
        foreach (var tool in tools.Tools)
        {
            pieces.Add(("\n", false));
            pieces.Add((JsonSerializer.Serialize(tool.Definition), true));
        }

        pieces.Add((Closing, false));
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

    private static JinjaValue SystemValue(List<(string, bool)> pieces) =>
        JinjaValue.Dict([new("role", JinjaValue.String("system")), new("content", TemplateText.Concat([.. pieces]))]);
}
