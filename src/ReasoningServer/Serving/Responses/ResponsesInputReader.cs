using System.Text;
using System.Text.Json;
using ReasoningServer.Errors;
using ReasoningServer.Protocol;
using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>
/// Turns Responses input items into chat messages, the one generation path's input: messages as they are; a
/// <c>reasoning</c> item gives its thinking (opened from <c>encrypted_content</c>, or the summary, which here is the raw
/// thinking) to the assistant turn that follows it; <c>function_call</c> items become that turn's tool calls and
/// <c>function_call_output</c> items tool messages. Which reasoning reaches the prompt is then the chat rule: the turn
/// being answered keeps it, earlier turns lose it.
/// </summary>
internal sealed class ResponsesInputReader(ReasoningSeal seal, string model, string apiKeyId)
{
    private static readonly string[] Roles = ["user", "system", "developer", "assistant"];

    private readonly List<ChatMessageDto> _messages = [];
    private string? _pendingReasoning;

    public List<ChatMessageDto> Messages => _messages;

    /// <summary>Items of a stored response (its input, then its output), whose thinking the store kept by item id.</summary>
    public void AddStored(IEnumerable<ResponseItemDto> items, IReadOnlyDictionary<string, string> thinking)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case MessageItemDto message:
                    AddMessage(message.Role, string.Concat(message.Content.Select(PartText)));
                    break;
                case ReasoningItemDto reasoning:
                    _pendingReasoning = thinking.GetValueOrDefault(reasoning.Id) ?? SummaryText(reasoning.Summary.Select(s => s.Text));
                    break;
                case FunctionCallItemDto call:
                    AddCall(call.CallId, call.Name, call.Arguments);
                    break;
                case FunctionCallOutputItemDto output:
                    AddToolResult(output.CallId, output.Output);
                    break;
            }
        }
    }

    /// <summary>This request's <c>input</c>: a string or a list of items; returns them normalised, with ids, for storing.</summary>
    public async Task<List<ResponseItemDto>> AddInputAsync(JsonElement input, CancellationToken cancellationToken)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            var text = input.GetString()!;
            AddMessage("user", text);
            return [UserMessage(text)];
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw OpenAIException.InvalidRequest("Invalid 'input': expected a string or an array of input items.", "input", "invalid_type");
        }

        var items = new List<ResponseItemDto>();
        var index = 0;
        foreach (var element in input.EnumerateArray())
        {
            items.Add(await AddItemAsync(element, $"input[{index++}]", cancellationToken));
        }

        return items;
    }

    private async Task<ResponseItemDto> AddItemAsync(JsonElement item, string param, CancellationToken cancellationToken)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw OpenAIException.InvalidRequest($"Invalid '{param}': expected an input item object.", param, "invalid_type");
        }

        // A message may leave out its type (OpenAI's "easy input message").
        var type = JsonFields.OptionalString(item, "type", param) ?? (item.TryGetProperty("role", out _) ? "message" : null);
        switch (type)
        {
            case "message":
                return Message(item, param);
            case "reasoning":
                return await ReasoningAsync(item, param, cancellationToken);
            case "function_call":
                JsonFields.OnlyKnown(item, param, "type", "id", "call_id", "name", "arguments", "status");
                var call = new FunctionCallItemDto
                {
                    Id = JsonFields.OptionalString(item, "id", param) ?? ResponseIds.NewItem("fc"),
                    CallId = JsonFields.RequiredString(item, "call_id", param),
                    Name = JsonFields.RequiredString(item, "name", param),
                    Arguments = JsonFields.RequiredString(item, "arguments", param),
                };
                AddCall(call.CallId, call.Name, call.Arguments);
                return call;
            case "function_call_output":
                JsonFields.OnlyKnown(item, param, "type", "id", "call_id", "output", "status");
                var output = new FunctionCallOutputItemDto
                {
                    Id = JsonFields.OptionalString(item, "id", param) ?? ResponseIds.NewItem("fco"),
                    CallId = JsonFields.RequiredString(item, "call_id", param),
                    Output = OutputText(item, param),
                };
                AddToolResult(output.CallId, output.Output);
                return output;
            case null:
                throw OpenAIException.InvalidRequest($"Missing required parameter: '{param}.type'.", $"{param}.type", "missing_required_parameter");
            default:
                throw OpenAIException.InvalidRequest(
                    $"Invalid '{param}.type': '{type}'. Supported input items are 'message', 'reasoning', 'function_call' and 'function_call_output'.",
                    $"{param}.type", "invalid_value");
        }
    }

    private MessageItemDto Message(JsonElement item, string param)
    {
        JsonFields.OnlyKnown(item, param, "type", "id", "role", "content", "status");
        var role = JsonFields.RequiredString(item, "role", param);
        if (Array.IndexOf(Roles, role) < 0)
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid value for '{param}.role': '{role}'. Supported values are: 'user', 'system', 'developer' and 'assistant'.", $"{param}.role", "invalid_value");
        }

        if (!item.TryGetProperty("content", out var content))
        {
            throw OpenAIException.InvalidRequest($"Missing required parameter: '{param}.content'.", $"{param}.content", "missing_required_parameter");
        }

        var parts = Parts(content, role, $"{param}.content");
        AddMessage(role, string.Concat(parts.Select(PartText)));
        return new MessageItemDto { Id = JsonFields.OptionalString(item, "id", param) ?? ResponseIds.NewItem("msg"), Role = role, Content = parts };
    }

    private static List<ContentPartDto> Parts(JsonElement content, string role, string param)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            return [role == "assistant" ? new OutputTextPartDto { Text = text } : new InputTextPartDto { Text = text }];
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw OpenAIException.InvalidRequest($"Invalid '{param}': expected a string or an array of content parts.", param, "invalid_type");
        }

        var parts = new List<ContentPartDto>();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partParam = $"{param}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw OpenAIException.InvalidRequest($"Invalid '{partParam}': expected a content part object.", partParam, "invalid_type");
            }

            switch (JsonFields.RequiredString(part, "type", partParam))
            {
                case "input_text":
                    JsonFields.OnlyKnown(part, partParam, "type", "text");
                    parts.Add(new InputTextPartDto { Text = JsonFields.RequiredString(part, "text", partParam) });
                    break;
                case "output_text":
                    // An earlier answer sent back as it was returned: its annotations and logprobs describe it, they are not input.
                    JsonFields.OnlyKnown(part, partParam, "type", "text", "annotations", "logprobs");
                    parts.Add(new OutputTextPartDto { Text = JsonFields.RequiredString(part, "text", partParam) });
                    break;
                case "refusal":
                    JsonFields.OnlyKnown(part, partParam, "type", "refusal");
                    parts.Add(new RefusalPartDto { Refusal = JsonFields.RequiredString(part, "refusal", partParam) });
                    break;
                case var other:
                    throw OpenAIException.InvalidRequest(
                        $"Invalid '{partParam}.type': '{other}'. This server takes text only ('input_text', 'output_text', 'refusal').", $"{partParam}.type", "invalid_value");
            }
        }

        return parts;
    }

    private async Task<ReasoningItemDto> ReasoningAsync(JsonElement item, string param, CancellationToken cancellationToken)
    {
        JsonFields.OnlyKnown(item, param, "type", "id", "summary", "content", "encrypted_content", "status");
        var summary = new List<SummaryTextDto>();
        if (item.TryGetProperty("summary", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var part in parts.EnumerateArray())
            {
                var partParam = $"{param}.summary[{index++}]";
                JsonFields.OnlyKnown(part, partParam, "type", "text");
                summary.Add(new SummaryTextDto { Text = JsonFields.RequiredString(part, "text", partParam) });
            }
        }

        var encrypted = JsonFields.OptionalString(item, "encrypted_content", param);
        _pendingReasoning = encrypted is not null
            ? await seal.OpenAsync(encrypted, model, apiKeyId, $"{param}.encrypted_content", cancellationToken)
            : SummaryText(summary.Select(s => s.Text));
        return new ReasoningItemDto { Id = JsonFields.OptionalString(item, "id", param) ?? ResponseIds.NewItem("rs"), Summary = summary, EncryptedContent = encrypted };
    }

    private static string OutputText(JsonElement item, string param)
    {
        if (!item.TryGetProperty("output", out var output))
        {
            throw OpenAIException.InvalidRequest($"Missing required parameter: '{param}.output'.", $"{param}.output", "missing_required_parameter");
        }

        return output.ValueKind switch
        {
            JsonValueKind.String => output.GetString()!,
            JsonValueKind.Array => string.Concat(Parts(output, "user", $"{param}.output").Select(PartText)),
            _ => throw OpenAIException.InvalidRequest($"Invalid '{param}.output': expected a string or text parts.", $"{param}.output", "invalid_type"),
        };
    }

    private void AddMessage(string role, string text)
    {
        if (role == "assistant")
        {
            var turn = AssistantTurn(forCall: false);
            turn.Content = JsonFields.String(turn.Content is { ValueKind: JsonValueKind.String } earlier ? earlier.GetString() + text : text);
            return;
        }

        _messages.Add(new ChatMessageDto { Role = role, Content = JsonFields.String(text) });
    }

    private void AddCall(string callId, string name, string arguments)
    {
        var turn = AssistantTurn(forCall: true);
        (turn.ToolCalls ??= []).Add(new ToolCallDto { Id = callId, Type = "function", Function = new FunctionCallDto { Name = name, Arguments = arguments } });
    }

    private void AddToolResult(string callId, string output) =>
        _messages.Add(new ChatMessageDto { Role = "tool", ToolCallId = callId, Content = JsonFields.String(output) });

    /// <summary>The assistant message the next assistant item belongs to: the last one while it is still being written
    /// (a message then its calls, or several calls), else a new one, which takes any pending reasoning.</summary>
    private ChatMessageDto AssistantTurn(bool forCall)
    {
        if (_messages is [.., { Role: "assistant" } last] && _pendingReasoning is null && (forCall || last.ToolCalls is null))
        {
            return last;
        }

        var turn = new ChatMessageDto { Role = "assistant", ReasoningContent = _pendingReasoning };
        _pendingReasoning = null;
        _messages.Add(turn);
        return turn;
    }

    private static string PartText(ContentPartDto part) => part switch
    {
        OutputTextPartDto output => output.Text,
        InputTextPartDto input => input.Text,
        RefusalPartDto refusal => refusal.Refusal,
        _ => string.Empty,
    };

    private static string? SummaryText(IEnumerable<string> parts)
    {
        var text = string.Join("\n\n", parts);
        return text.Length == 0 ? null : text;
    }

    private static MessageItemDto UserMessage(string text) =>
        new() { Id = ResponseIds.NewItem("msg"), Role = "user", Content = [new InputTextPartDto { Text = text }] };
}
