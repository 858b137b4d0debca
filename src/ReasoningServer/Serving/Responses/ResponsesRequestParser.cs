using System.Text.Json;
using ReasoningServer.Errors;
using ReasoningServer.Options;
using ReasoningServer.Protocol;
using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Serving.Responses;

/// <summary>
/// Validates a Responses request and turns it into the chat completion request it means — one generation path, two
/// wire formats — with the earlier turns of <c>previous_response_id</c> in front of its input. What only the Responses
/// API has (reasoning summaries, encrypted reasoning, storing) stays in the <see cref="ResponsesJob"/>.
/// </summary>
internal static class ResponsesRequestParser
{
    private const string EncryptedReasoning = "reasoning.encrypted_content";
    private const string OutputLogprobs = "message.output_text.logprobs";

    // How many stored responses a previous_response_id chain may reach back.
    private const int MaxChain = 1000;

    private static readonly string[] Summaries = ["auto", "concise", "detailed"];

    public static async Task<ResponsesJob> ParseAsync(
        ResponsesRequest request, ModelHost models, GenerationOptions options, IResponseStore store, ReasoningSeal seal, string apiKeyId, CancellationToken cancellationToken)
    {
        Refuse(request);
        var include = Include(request.Include);
        var model = models.Resolve(request.Model);
        var summary = Summary(request.Reasoning);
        if (request.Input is not { ValueKind: not JsonValueKind.Null } input)
        {
            throw OpenAIException.InvalidRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        var reader = new ResponsesInputReader(seal, model.Id, apiKeyId);
        foreach (var earlier in await ChainAsync(request.PreviousResponseId, store, apiKeyId, cancellationToken))
        {
            reader.AddStored([.. earlier.Input, .. earlier.Response.Output], earlier.Thinking);
        }

        var items = await reader.AddInputAsync(input, cancellationToken);
        var messages = request.Instructions is { Length: > 0 } instructions
            ? [new ChatMessageDto { Role = "system", Content = JsonFields.String(instructions) }, .. reader.Messages]
            : reader.Messages;
        if (messages.Count == 0)
        {
            throw OpenAIException.InvalidRequest("Invalid 'input': it holds no message.", "input", "empty_array");
        }

        CompletionJob job;
        try
        {
            job = ChatRequestParser.Parse(ChatRequest(request, messages, include.Contains(OutputLogprobs)), models, options);
        }
        catch (OpenAIException e)
        {
            throw ChatParamTranslation.ToResponses(e);
        }

        var response = new ResponseDto
        {
            Id = ResponseIds.NewItem("resp"),
            CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Status = "in_progress",
            Instructions = request.Instructions,
            MaxOutputTokens = request.MaxOutputTokens,
            Model = model.Id,
            ParallelToolCalls = request.ParallelToolCalls ?? true,
            PreviousResponseId = request.PreviousResponseId,
            PromptCacheKey = request.PromptCacheKey,
            Reasoning = new ReasoningConfigDto(request.Reasoning?.Effort ?? model.Thinking.DefaultEffort.ToString().ToLowerInvariant(), summary),
            SafetyIdentifier = request.SafetyIdentifier,
            Store = request.Store ?? true,
            Temperature = request.Temperature ?? 1f,
            Text = new ResponsesTextDto { Format = request.Text?.Format ?? new ResponsesTextFormatDto { Type = "text" }, Verbosity = request.Text?.Verbosity ?? "medium" },
            ToolChoice = request.ToolChoice is { ValueKind: not JsonValueKind.Null } choice ? choice.Clone() : JsonFields.String("auto"),
            Tools = request.Tools ?? [],
            TopLogprobs = request.TopLogprobs ?? 0,
            TopP = request.TopP ?? 1f,
            Truncation = request.Truncation ?? "disabled",
            User = request.User,
            Metadata = request.Metadata ?? [],
        };
        return new ResponsesJob(job, response, items, apiKeyId, summary is not null, include.Contains(EncryptedReasoning), include.Contains(OutputLogprobs));
    }

    /// <summary>The chat completion request a Responses request means.</summary>
    private static ChatCompletionRequest ChatRequest(ResponsesRequest request, List<ChatMessageDto> messages, bool logprobs) => new()
    {
        Model = request.Model,
        Messages = messages,
        MaxCompletionTokens = request.MaxOutputTokens,
        Temperature = request.Temperature,
        TopP = request.TopP,
        ReasoningEffort = request.Reasoning?.Effort,
        Reasoning = request.Reasoning is { MaxTokens: not null } or { MinTokens: not null } or { Context: not null }
            ? new ReasoningRequestDto { MaxTokens = request.Reasoning.MaxTokens, MinTokens = request.Reasoning.MinTokens, Context = request.Reasoning.Context }
            : null,
        Tools = request.Tools?.Select(Tool).ToList(),
        ToolChoice = ToolChoice(request.ToolChoice),
        ParallelToolCalls = request.ParallelToolCalls,
        ResponseFormat = Format(request.Text?.Format),
        Truncation = request.Truncation,
        Metadata = request.Metadata,
        ServiceTier = request.ServiceTier,
        Verbosity = request.Text?.Verbosity,
        Logprobs = logprobs || request.TopLogprobs is not null ? true : null,
        TopLogprobs = request.TopLogprobs,
        // The thinking is always decoded: the reasoning item, its summary and its sealed copy are made from it.
        ReasoningFormat = "reasoning_content",
    };

    private static ToolDto Tool(ResponsesToolDto tool) => new()
    {
        Type = tool.Type,
        Function = tool.Type == "function"
            ? new FunctionDefinitionDto { Name = tool.Name, Description = tool.Description, Parameters = tool.Parameters, Strict = tool.Strict }
            : null,
    };

    /// <summary>The Responses API names the function at the top level of tool_choice; chat nests it under <c>function</c>.</summary>
    private static JsonElement? ToolChoice(JsonElement? choice)
    {
        if (choice is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty("type", out var type))
        {
            return choice;
        }

        static object Named(JsonElement function) => new Dictionary<string, object?>
        {
            ["type"] = "function",
            ["function"] = new Dictionary<string, object?> { ["name"] = JsonFields.OptionalString(function, "name", "tool_choice") },
        };

        return type.GetString() switch
        {
            "function" => ToElement(Checked(value, "tool_choice", ["type", "name"], Named)),
            "allowed_tools" => ToElement(Checked(value, "tool_choice", ["type", "mode", "tools"], v => new Dictionary<string, object?>
            {
                ["type"] = "allowed_tools",
                ["allowed_tools"] = new Dictionary<string, object?>
                {
                    ["mode"] = JsonFields.OptionalString(v, "mode", "tool_choice"),
                    ["tools"] = v.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
                        ? tools.EnumerateArray().Select((t, i) => Checked(t, $"tool_choice.tools[{i}]", ["type", "name"], Named)).ToList()
                        : null,
                },
            })),
            var other => throw OpenAIException.InvalidRequest(
                $"Invalid 'tool_choice.type': '{other}'. Supported values are: 'function', 'allowed_tools'.", "tool_choice.type", "invalid_value"),
        };
    }

    private static object Checked(JsonElement value, string param, string[] known, Func<JsonElement, object> map)
    {
        JsonFields.OnlyKnown(value, param, known);
        return map(value);
    }

    private static JsonElement ToElement(object value) =>
        JsonDocument.Parse(JsonSerializer.Serialize(value, ResponsesPlainJsonContext.Default.Object)).RootElement.Clone();

    private static ResponseFormatDto? Format(ResponsesTextFormatDto? format) => format?.Type switch
    {
        null => null,
        "json_schema" => new ResponseFormatDto
        {
            Type = "json_schema",
            JsonSchema = new JsonSchemaFormatDto { Name = format.Name, Description = format.Description, Schema = format.Schema, Strict = format.Strict },
        },
        var type => new ResponseFormatDto { Type = type },
    };

    private static async Task<List<StoredResponseDto>> ChainAsync(string? previous, IResponseStore store, string apiKeyId, CancellationToken cancellationToken)
    {
        var chain = new List<StoredResponseDto>();
        for (var id = previous; id is not null; id = chain[^1].Response.PreviousResponseId)
        {
            if (chain.Count == MaxChain)
            {
                throw OpenAIException.InvalidRequest($"The conversation reaches back more than {MaxChain} responses.", "previous_response_id", "invalid_value");
            }

            chain.Add(await store.FindAsync(id, apiKeyId, cancellationToken) ?? throw OpenAIException.InvalidRequest(
                $"Previous response with id '{id}' not found.", "previous_response_id", "previous_response_not_found"));
        }

        chain.Reverse();
        return chain;
    }

    private static void Refuse(ResponsesRequest request)
    {
        if (request.Background == true)
        {
            throw OpenAIException.InvalidRequest("'background' is not supported: responses are generated while the request waits.", "background", "unsupported_parameter");
        }

        if (request.Conversation is { ValueKind: not JsonValueKind.Null })
        {
            throw OpenAIException.InvalidRequest("'conversation' is not supported: continue with 'previous_response_id'.", "conversation", "unsupported_parameter");
        }

        if (request.Prompt is { ValueKind: not JsonValueKind.Null })
        {
            throw OpenAIException.InvalidRequest("'prompt' (stored prompt templates) is not supported by this server.", "prompt", "unsupported_parameter");
        }

        if (request.MaxToolCalls is not null)
        {
            throw OpenAIException.InvalidRequest("'max_tool_calls' is not supported: use 'parallel_tool_calls: false' for one call at most.", "max_tool_calls", "unsupported_parameter");
        }

        if (request.Tools?.IndexOf(null!) is >= 0 and var nullTool)
        {
            throw OpenAIException.NullItem($"tools[{nullTool}]", "a tool object");
        }

        if (request.Tools?.Select((t, i) => (t, i)).FirstOrDefault(x => x.t.Type != "function") is { t: not null } other)
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'tools[{other.i}].type': '{other.t.Type}'. This server runs function tools only ('function').", $"tools[{other.i}].type", "invalid_value");
        }
    }

    private static HashSet<string> Include(List<string>? include)
    {
        foreach (var value in include ?? [])
        {
            if (value is not (EncryptedReasoning or OutputLogprobs))
            {
                throw OpenAIException.InvalidRequest(
                    $"Invalid value for 'include': '{value}'. Supported values are: '{EncryptedReasoning}', '{OutputLogprobs}'.", "include", "invalid_value");
            }
        }

        return [.. include ?? []];
    }

    private static string? Summary(ResponsesReasoningDto? reasoning)
    {
        var summary = reasoning?.Summary ?? reasoning?.GenerateSummary;
        return summary is null || Summaries.Contains(summary)
            ? summary
            : throw OpenAIException.InvalidRequest(
                $"Invalid value for 'reasoning.summary': '{summary}'. Supported values are: 'auto', 'concise', 'detailed'.", "reasoning.summary", "invalid_value");
    }
}
