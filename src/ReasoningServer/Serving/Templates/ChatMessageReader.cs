using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.Text.Jinja;
using ReasoningServer.Errors;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.History;

namespace ReasoningServer.Serving.Templates;

/// <summary>
/// Validates a chat request's messages and turns them into what the chat template sees, as Hugging Face passes
/// them: role, content (a string; text parts joined), <c>name</c>, an assistant's <c>tool_calls</c> (arguments as an
/// object where the template prints objects) and kept <c>reasoning_content</c>, a tool result's <c>tool_call_id</c>.
/// Every string from the client is data. Prior turns' reasoning is dropped here (see <see cref="ReasoningHistory"/>).
/// </summary>
internal static partial class ChatMessageReader
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    public static List<TemplateMessage> Read(IReadOnlyList<ChatMessageDto> messages, PromptModel model, ReasoningContext history)
    {
        var template = model.Template;
        var lastUser = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            lastUser = messages[i].Role == "user" ? i : lastUser;
        }

        var context = new MessageReadContext(
            model,
            // Templates that know the developer role (gpt-oss) get it; for the others it means what system means.
            KeepDeveloper: template.Mentions("developer"),
            TemplateRendersTools: !template.IsFallback && template.Mentions("tool_calls"),
            ObjectArguments: template.PrefersObjectArguments,
            ReasoningVariable: !template.IsFallback && template.Mentions("reasoning_content"),
            // OpenAI clients send content: null beside tool calls. Templates that test for none (DeepSeek's) get none;
            // the others get "", since they apply string operations to it (Qwen3's '</think>' in message.content).
            NullContent: NoneTest().IsMatch(template.Source));
        var read = new List<TemplateMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            // Reasoning of the turn being answered (assistant messages after the last user message, e.g. a tool-call
            // loop) stays; earlier turns' is discarded unless the request keeps all turns.
            var keepReasoning = history == ReasoningContext.AllTurns || i > lastUser;
            read.Add(ReadOne(messages[i], i, context, keepReasoning));
        }

        return read;
    }

    private static TemplateMessage ReadOne(ChatMessageDto message, int index, MessageReadContext context, bool keepReasoning)
    {
        var param = $"messages[{index}]";
        if (message.Role is null || !Roles.Contains(message.Role))
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid value for '{param}.role': '{message.Role}'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.",
                $"{param}.role", "invalid_value");
        }

        var role = message.Role == "developer" && !context.KeepDeveloper ? "system" : message.Role;
        if (message.ToolCalls is { Count: > 0 } && role != "assistant")
        {
            throw OpenAIException.InvalidRequest($"Invalid '{param}.tool_calls': only assistant messages carry tool calls.", $"{param}.tool_calls", "invalid_value");
        }

        if (message.ToolCallId is not null && role != "tool")
        {
            throw OpenAIException.InvalidRequest($"Invalid '{param}.tool_call_id': only tool messages answer a call.", $"{param}.tool_call_id", "invalid_value");
        }

        return role switch
        {
            "assistant" => Assistant(message, param, context, keepReasoning),
            "tool" => Tool(message, param, context),
            _ => Plain(role, Content(message.Content, role, param) ?? string.Empty, message.Name),
        };
    }

    private static TemplateMessage Plain(string role, string content, string? name)
    {
        var fields = new List<KeyValuePair<string, JinjaValue>> { new("role", JinjaValue.String(role)), new("content", JinjaValue.Data(content)) };
        if (name is not null)
        {
            fields.Add(new("name", JinjaValue.Data(name)));
        }

        return new TemplateMessage(role, JinjaValue.Dict(fields), content);
    }

    private static TemplateMessage Tool(ChatMessageDto message, string param, MessageReadContext context)
    {
        var content = Content(message.Content, "tool", param) ?? string.Empty;
        if (string.IsNullOrEmpty(message.ToolCallId))
        {
            throw OpenAIException.InvalidRequest($"Missing required parameter: '{param}.tool_call_id'.", $"{param}.tool_call_id", "missing_required_parameter");
        }

        if (!context.TemplateRendersTools)
        {
            // A template without tool support sees the result as the user's turn, in the fallback format's markup.
            var wrapped = TemplateText.Concat(("<tool_response>\n", false), (content, true), ("\n</tool_response>", false));
            return new TemplateMessage("user", JinjaValue.Dict([new("role", JinjaValue.String("user")), new("content", wrapped)]),
                $"<tool_response>\n{content}\n</tool_response>");
        }

        var fields = new List<KeyValuePair<string, JinjaValue>>
        {
            new("role", JinjaValue.String("tool")),
            new("content", JinjaValue.Data(content)),
            new("tool_call_id", JinjaValue.Data(message.ToolCallId)),
        };
        if (message.Name is not null)
        {
            fields.Add(new("name", JinjaValue.Data(message.Name)));
        }

        return new TemplateMessage("tool", JinjaValue.Dict(fields), content);
    }

    private static TemplateMessage Assistant(ChatMessageDto message, string param, MessageReadContext context, bool keepReasoning)
    {
        var raw = Content(message.Content, "assistant", param) ?? message.Refusal;
        var format = context.Model.ReasoningFormat;
        var reasoning = message.ReasoningContent ?? message.Reasoning;
        var content = raw;
        if (format is not null && raw is not null)
        {
            // Thinking written inline (R1-style output sent back as is) counts as this turn's reasoning too.
            reasoning ??= ReasoningHistory.ExtractSections(raw, format);
            content = ReasoningHistory.StripSections(raw, format);
        }

        reasoning = keepReasoning && format is not null && !string.IsNullOrEmpty(reasoning) ? reasoning : null;
        var calls = ToolCalls(message.ToolCalls, param, context.ObjectArguments);
        string flat;

        var fields = new List<KeyValuePair<string, JinjaValue>> { new("role", JinjaValue.String("assistant")) };
        var inlineReasoning = reasoning is not null && !context.ReasoningVariable;
        var inlineCalls = context.TemplateRendersTools ? [] : calls;
        if (inlineReasoning || inlineCalls.Count > 0)
        {
            // Markup the template does not write itself: the delimiters of kept reasoning, calls in the model's own markup.
            var pieces = new List<(string Text, bool FromData)>();
            if (inlineReasoning)
            {
                pieces.AddRange([($"{format!.StartTag}\n", false), (reasoning!, true), ($"\n{format.EndTag}\n\n", false)]);
            }

            pieces.Add((content ?? string.Empty, true));
            if (inlineCalls.Count > 0)
            {
                pieces.Add((string.IsNullOrEmpty(content) ? string.Empty : "\n", false));
                pieces.AddRange(ToolCallMarkup.Write(context.Model.ToolCalls, [.. inlineCalls.Select(c => (c.Name, c.Arguments))]));
            }

            fields.Add(new("content", TemplateText.Concat([.. pieces])));
            flat = string.Concat(pieces.Select(p => p.Text));
        }
        else
        {
            fields.Add(new("content", content is null ? (context.NullContent ? JinjaValue.None : JinjaValue.String(string.Empty)) : JinjaValue.Data(content)));
            flat = content ?? string.Empty;
        }

        if (reasoning is not null && context.ReasoningVariable)
        {
            fields.Add(new("reasoning_content", JinjaValue.Data(reasoning)));
        }

        if (calls.Count > 0 && context.TemplateRendersTools)
        {
            fields.Add(new("tool_calls", JinjaValue.List(calls.Select(c => c.Value))));
        }

        if (message.Name is not null)
        {
            fields.Add(new("name", JinjaValue.Data(message.Name)));
        }

        return new TemplateMessage("assistant", JinjaValue.Dict(fields), flat);
    }

    private static List<HistoryToolCall> ToolCalls(List<ToolCallDto>? calls, string param, bool objectArguments)
    {
        var read = new List<HistoryToolCall>();
        for (var i = 0; i < (calls?.Count ?? 0); i++)
        {
            var callParam = $"{param}.tool_calls[{i}]";
            var call = calls![i] ?? throw OpenAIException.NullItem(callParam, "a tool call object");
            if (call.Type is not (null or "function"))
            {
                throw OpenAIException.InvalidRequest($"Invalid '{callParam}.type': '{call.Type}'. Only 'function' calls are supported.", $"{callParam}.type", "invalid_value");
            }

            if (call.Function?.Name is not { Length: > 0 } name)
            {
                throw OpenAIException.InvalidRequest($"Missing required parameter: '{callParam}.function.name'.", $"{callParam}.function.name", "missing_required_parameter");
            }

            var arguments = call.Function.Arguments ?? "{}";
            JsonElement parsed;
            try
            {
                parsed = JsonDocument.Parse(arguments).RootElement;
            }
            catch (JsonException)
            {
                throw OpenAIException.InvalidRequest(
                    $"Invalid '{callParam}.function.arguments': it must be a JSON text (the arguments object as a string).", $"{callParam}.function.arguments", "invalid_value");
            }

            var function = JinjaValue.Dict([
                new("name", JinjaValue.Data(name)),
                new("arguments", objectArguments ? JinjaValue.FromJson(parsed) : JinjaValue.Data(arguments)),
            ]);
            var value = JinjaValue.Dict([
                new("id", JinjaValue.Data(call.Id ?? $"call_{i}")),
                new("type", JinjaValue.String("function")),
                new("function", function),
            ]);
            read.Add(new HistoryToolCall(name, parsed.GetRawText(), value));
        }

        return read;
    }

    /// <summary>The text of a message: a string, or text parts concatenated; null only where OpenAI allows no content.</summary>
    private static string? Content(JsonElement? content, string role, string param)
    {
        switch (content?.ValueKind)
        {
            case JsonValueKind.String:
                return content.Value.GetString()!;
            case JsonValueKind.Array:
                return TextParts(content.Value, param);
            case null or JsonValueKind.Null when role == "assistant":
                return null; // an assistant turn that only called tools (or refused)
            default:
                throw OpenAIException.InvalidRequest(
                    $"Invalid '{param}.content': expected a string or an array of content parts.", $"{param}.content", "invalid_type");
        }
    }

    private static string TextParts(JsonElement parts, string param)
    {
        var text = new StringBuilder();
        var i = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partParam = $"{param}.content[{i++}]";
            if (part.ValueKind != JsonValueKind.Object
                || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw OpenAIException.InvalidRequest($"Invalid '{partParam}': a content part needs a 'type'.", partParam, "invalid_type");
            }

            if (type.GetString() != "text" || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
            {
                throw OpenAIException.InvalidRequest(
                    $"Invalid '{partParam}': only text content parts are supported by this server.", partParam, "invalid_value");
            }

            text.Append(value.GetString());
        }

        return text.ToString();
    }

    [GeneratedRegex(@"(\.content|\[['""]content['""]\])\s+is\s+(not\s+)?none")]
    private static partial Regex NoneTest();
}
