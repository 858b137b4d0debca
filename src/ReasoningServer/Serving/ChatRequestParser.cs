using System.Text;
using System.Text.Json;
using ReasoningServer.Engine.Text;
using ReasoningServer.Errors;
using ReasoningServer.Options;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Reasoning.History;
using ReasoningServer.Serving.StructuredOutputs;
using ReasoningServer.Serving.Tools;

namespace ReasoningServer.Serving;

/// <summary>Validates a chat request and turns it into a <see cref="CompletionJob"/>: messages → template → tokens.</summary>
internal static class ChatRequestParser
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    public static CompletionJob Parse(ChatCompletionRequest request, ModelHost models, GenerationOptions options)
    {
        if (request.Messages is not { Count: > 0 } messages)
        {
            throw OpenAIException.InvalidRequest("'messages' must contain at least one message.", "messages", "empty_array");
        }

        ChatFieldPolicy.Check(request);
        var model = models.Resolve(request.Model);
        if (request.MaxTokens is not null && request.MaxCompletionTokens is not null)
        {
            throw OpenAIException.InvalidRequest(
                "Use either 'max_completion_tokens' or the deprecated 'max_tokens', not both.", "max_tokens", "invalid_value");
        }

        var plan = ThinkingPlanParser.Parse(request, model);
        var testTime = TestTimePlanParser.Parse(request, options.MaxTestTimeSamples);
        var tools = ToolPlanParser.Parse(request);
        var format = OutputFormatParser.Parse(request.ResponseFormat);
        var chat = messages.Select((m, i) => ToChatMessage(m, i, model, plan)).ToList();
        var (prompt, dropped) = ChatPromptAssembler.Assemble(model, chat, plan.Disabled, Truncate(request.Truncation));

        var (limit, limitParam) = request.MaxCompletionTokens is { } completion
            ? ((int?)completion, "max_completion_tokens")
            : (request.MaxTokens, "max_tokens");
        var maxTokens = RequestValidation.MaxTokens(limit, limitParam, prompt.Tokens.Length, model.ContextSize);

        return new CompletionJob(
            model,
            prompt.Tokens,
            model.OpensThinking(prompt.Text),
            RequestValidation.Sampling(model, request),
            maxTokens,
            RequestValidation.Stop(request.Stop),
            RequestValidation.TopLogprobs(request.Logprobs ?? false, request.TopLogprobs),
            testTime?.Samples ?? RequestValidation.Choices(request.N, options.MaxChoices),
            plan.Exclude ? ReasoningDisplay.Hidden : Display(request.ReasoningFormat ?? options.ReasoningFormat),
            // A budget larger than what is left of the window or max_completion_tokens is clamped to it.
            plan.Budget is { } budget ? new ThinkingBudget(Math.Min(budget.MaxTokens, maxTokens), Math.Min(budget.MinTokens, maxTokens)) : null,
            dropped,
            testTime)
        {
            Tools = tools,
            Format = format,
        };
    }

    private static bool Truncate(string? truncation) => truncation switch
    {
        null or "disabled" => false,
        "auto" => true,
        _ => throw OpenAIException.InvalidRequest(
            $"Invalid value for 'truncation': '{truncation}'. Supported values are: 'auto', 'disabled'.", "truncation", "invalid_value"),
    };

    private static ReasoningDisplay Display(string name) =>
        ReasoningDisplayNames.TryParse(name, out var display)
            ? display
            : throw OpenAIException.InvalidRequest(
                $"Invalid 'reasoning_format': '{name}'. Accepted: {ReasoningDisplayNames.Accepted}.", "reasoning_format", "invalid_value");

    private static ChatMessage ToChatMessage(ChatMessageDto message, int index, ServedModel model, ThinkingPlan plan)
    {
        var param = $"messages[{index}]";
        if (message.Role is null || !Roles.Contains(message.Role))
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid value for '{param}.role': '{message.Role}'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.",
                $"{param}.role", "invalid_value");
        }

        // The built-in templates know "system"; OpenAI's newer "developer" role means the same.
        var role = message.Role == "developer" ? "system" : message.Role;
        var content = Content(message.Content, message.Role, param);
        if (role == "assistant" && model.ReasoningFormat is { } format)
        {
            // Earlier turns' thinking stays out of the context unless the request keeps all turns.
            content = ReasoningHistory.AssistantContent(content, message.ReasoningContent ?? message.Reasoning, format, plan.History);
        }

        return new ChatMessage(role, content);
    }

    private static string Content(JsonElement? content, string role, string param)
    {
        switch (content?.ValueKind)
        {
            case JsonValueKind.String:
                return content.Value.GetString()!;
            case JsonValueKind.Array:
                return TextParts(content.Value, param);
            case null or JsonValueKind.Null when role == "assistant":
                return string.Empty; // an assistant turn that only called tools
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
}
