using System.Text;
using System.Text.Json;
using ReasoningServer.Engine.Text;
using ReasoningServer.Errors;
using ReasoningServer.Options;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Reasoning.History;
using ReasoningServer.Serving.StructuredOutputs;
using ReasoningServer.Serving.Templates;
using ReasoningServer.Serving.Tools;

namespace ReasoningServer.Serving;

/// <summary>Validates a chat request and turns it into a <see cref="CompletionJob"/>: messages → template → tokens.</summary>
internal static class ChatRequestParser
{
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

        var plan = ThinkingPlanParser.Parse(request, model, TemplateVariables.EnableThinking(request.ChatTemplateKwargs));
        var testTime = TestTimePlanParser.Parse(request, options.MaxTestTimeSamples);
        var tools = ToolPlanParser.Parse(request);
        if (tools is not null && !model.Prompting.ReadsToolCalls)
        {
            throw OpenAIException.InvalidRequest(
                $"The model '{model.Id}' writes tool calls in a format this server does not read; 'tools' cannot be used with it.", "tools", "unsupported_parameter");
        }

        var format = OutputFormatParser.Parse(request.ResponseFormat);
        var chat = ToolPromptFallback.Apply(ChatMessageReader.Read(messages, model.Prompting, plan.History), tools, model.Prompting);
        var variables = TemplateVariables.Build(model.Prompting, tools, request.ChatTemplateKwargs, plan.Disabled);
        var (prompt, dropped) = ChatPromptAssembler.Assemble(model, chat, variables, plan.Disabled, Truncate(request.Truncation));

        var (limit, limitParam) = request.MaxCompletionTokens is { } completion
            ? ((int?)completion, "max_completion_tokens")
            : (request.MaxTokens, "max_tokens");
        var maxTokens = RequestValidation.MaxTokens(limit, limitParam, prompt.Tokens.Length, model.ContextSize);
        var opened = model.OpensThinking(prompt.Text);
        var closed = model.ReasoningFormat is { } reasoning && prompt.Text.AsSpan().TrimEnd().EndsWith(reasoning.EndTag, StringComparison.Ordinal);
        var grammar = OutputGrammarPlanner.Plan(format, tools, model, opened, closed);
        if (testTime is not null && (tools is not null || grammar is not null))
        {
            throw OpenAIException.InvalidRequest(
                "'test_time' votes on answers and cannot be combined with 'tools' or 'response_format' on this server.", "test_time", "unsupported_parameter");
        }

        return new CompletionJob(
            model,
            prompt.Tokens,
            opened,
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
            Grammar = grammar,
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
}
