using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningServer.Errors;
using ReasoningServer.Protocol;

namespace ReasoningServer.Serving.Tools;

/// <summary>Validates <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> into a <see cref="ToolPlan"/>, as OpenAI checks them.</summary>
internal static partial class ToolPlanParser
{
    /// <summary>OpenAI's limit on the number of tools in one request.</summary>
    public const int MaxTools = 128;

    /// <returns>Null when the model is not to call tools: none given, or <c>tool_choice: "none"</c>.</returns>
    public static ToolPlan? Parse(ChatCompletionRequest request)
    {
        var tools = Tools(request.Tools);
        var choice = request.ToolChoice is { ValueKind: not JsonValueKind.Null } given ? given : (JsonElement?)null;
        if (tools.Count == 0)
        {
            if (choice is { } c && !(c.ValueKind == JsonValueKind.String && c.GetString() is "none" or "auto"))
            {
                throw OpenAIException.InvalidRequest("'tool_choice' needs 'tools': no tools were given.", "tool_choice", "invalid_value");
            }

            return request.ParallelToolCalls is null ? null
                : throw OpenAIException.InvalidRequest("'parallel_tool_calls' is only allowed when 'tools' are given.", "parallel_tool_calls", "invalid_value");
        }

        var parallel = request.ParallelToolCalls ?? true;
        if (choice is not { } value)
        {
            return new ToolPlan(tools, ToolChoiceMode.Auto, null, parallel);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "none" => null,
                "auto" => new ToolPlan(tools, ToolChoiceMode.Auto, null, parallel),
                "required" => new ToolPlan(tools, ToolChoiceMode.Required, null, parallel),
                var other => throw OpenAIException.InvalidRequest(
                    $"Invalid value for 'tool_choice': '{other}'. Supported values are: 'none', 'auto', 'required', or an object naming a function.",
                    "tool_choice", "invalid_value"),
            };
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw OpenAIException.InvalidRequest("Invalid 'tool_choice': expected a string or an object with a 'type'.", "tool_choice", "invalid_type");
        }

        return type.GetString() switch
        {
            "function" => Named(tools, value, parallel),
            "allowed_tools" => Allowed(tools, value, parallel),
            var other => throw OpenAIException.InvalidRequest(
                $"Invalid 'tool_choice.type': '{other}'. Supported values are: 'function', 'allowed_tools'.", "tool_choice.type", "invalid_value"),
        };
    }

    private static ToolPlan Named(List<ToolSpec> tools, JsonElement choice, bool parallel)
    {
        var name = FunctionName(choice, "tool_choice");
        CheckKnown(choice, "tool_choice", "type", "function");
        return tools.Any(t => t.Name == name)
            ? new ToolPlan(tools, ToolChoiceMode.Named, name, parallel)
            : throw OpenAIException.InvalidRequest($"Invalid 'tool_choice': no function named '{name}' in 'tools'.", "tool_choice.function.name", "invalid_value");
    }

    private static ToolPlan Allowed(List<ToolSpec> tools, JsonElement choice, bool parallel)
    {
        CheckKnown(choice, "tool_choice", "type", "allowed_tools");
        if (!choice.TryGetProperty("allowed_tools", out var allowed) || allowed.ValueKind != JsonValueKind.Object)
        {
            throw OpenAIException.InvalidRequest("Invalid 'tool_choice': 'allowed_tools' must be an object.", "tool_choice.allowed_tools", "invalid_type");
        }

        CheckKnown(allowed, "tool_choice.allowed_tools", "mode", "tools");
        var mode = allowed.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var chosen = mode switch
        {
            "auto" => ToolChoiceMode.Auto,
            "required" => ToolChoiceMode.Required,
            _ => throw OpenAIException.InvalidRequest(
                "Invalid 'tool_choice.allowed_tools.mode': supported values are 'auto' and 'required'.", "tool_choice.allowed_tools.mode", "invalid_value"),
        };
        if (!allowed.TryGetProperty("tools", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw OpenAIException.InvalidRequest("Invalid 'tool_choice.allowed_tools.tools': a non-empty array is required.", "tool_choice.allowed_tools.tools", "invalid_value");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var param = $"tool_choice.allowed_tools.tools[{i++}]";
            var name = FunctionName(entry, param);
            if (tools.All(t => t.Name != name))
            {
                throw OpenAIException.InvalidRequest($"Invalid '{param}': no function named '{name}' in 'tools'.", param, "invalid_value");
            }

            names.Add(name);
        }

        return new ToolPlan([.. tools.Where(t => names.Contains(t.Name))], chosen, null, parallel);
    }

    private static string FunctionName(JsonElement choice, string param)
    {
        if (choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("type", out var type) && type.ValueEquals("function")
            && choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            CheckKnown(function, $"{param}.function", "name");
            return name.GetString()!;
        }

        throw OpenAIException.InvalidRequest(
            $"Invalid '{param}': expected {{\"type\": \"function\", \"function\": {{\"name\": \"...\"}}}}.", param, "invalid_type");
    }

    /// <summary>tool_choice is read as a JSON element: unknown fields in it are refused here as the JSON reader refuses them elsewhere.</summary>
    private static void CheckKnown(JsonElement value, string param, params string[] known)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw OpenAIException.InvalidRequest($"Unrecognized request argument supplied: {param}.{property.Name}", $"{param}.{property.Name}", "unknown_parameter");
            }
        }
    }

    private static List<ToolSpec> Tools(List<ToolDto>? tools)
    {
        if (tools is null)
        {
            return [];
        }

        if (tools.Count > MaxTools)
        {
            throw OpenAIException.InvalidRequest($"Invalid 'tools': at most {MaxTools} tools are allowed, got {tools.Count}.", "tools", "invalid_value");
        }

        var specs = new List<ToolSpec>(tools.Count);
        for (var i = 0; i < tools.Count; i++)
        {
            var param = $"tools[{i}]";
            var tool = tools[i] ?? throw OpenAIException.NullItem(param, "a tool object");
            if (tool.Type != "function")
            {
                throw OpenAIException.InvalidRequest(
                    $"Invalid '{param}.type': '{tool.Type}'. This server supports function tools only ('function').", $"{param}.type", "invalid_value");
            }

            if (tool.Function is not { } function)
            {
                throw OpenAIException.InvalidRequest($"Missing required parameter: '{param}.function'.", $"{param}.function", "missing_required_parameter");
            }

            if (function.Name is not { } name || !FunctionNamePattern().IsMatch(name))
            {
                throw OpenAIException.InvalidRequest(
                    $"Invalid '{param}.function.name': '{function.Name}'. It must be 1-64 characters of a-z, A-Z, 0-9, underscores and dashes.",
                    $"{param}.function.name", "invalid_value");
            }

            if (specs.Any(s => s.Name == name))
            {
                throw OpenAIException.InvalidRequest($"Invalid 'tools': the function name '{name}' appears twice.", $"{param}.function.name", "invalid_value");
            }

            var parameters = function.Parameters is { ValueKind: not JsonValueKind.Null } p ? p : (JsonElement?)null;
            if (parameters is { ValueKind: not JsonValueKind.Object })
            {
                throw OpenAIException.InvalidRequest($"Invalid '{param}.function.parameters': expected a JSON Schema object.", $"{param}.function.parameters", "invalid_type");
            }

            specs.Add(new ToolSpec(name, i, Definition(tool), parameters, function.Strict ?? false));
        }

        return specs;
    }

    /// <summary>The tool as a JSON value for the template, in OpenAI's field order, without fields the client did not send.</summary>
    private static JsonElement Definition(ToolDto tool)
    {
        var function = tool.Function!;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", function.Name);
            if (function.Description is { } description)
            {
                writer.WriteString("description", description);
            }

            if (function.Parameters is { ValueKind: not JsonValueKind.Null } parameters)
            {
                writer.WritePropertyName("parameters");
                parameters.WriteTo(writer);
            }

            if (function.Strict is { } strict)
            {
                writer.WriteBoolean("strict", strict);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionNamePattern();
}
