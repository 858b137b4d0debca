using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningServer.Errors;
using ReasoningServer.Protocol;

namespace ReasoningServer.Serving.StructuredOutputs;

/// <summary>Validates <c>response_format</c> into an <see cref="OutputFormat"/>.</summary>
internal static partial class OutputFormatParser
{
    public static OutputFormat Parse(ResponseFormatDto? format)
    {
        switch (format?.Type)
        {
            case null when format is null:
            case "text":
                return OutputFormat.Text;
            case "json_object":
                return new OutputFormat(OutputFormatKind.JsonObject);
            case "json_schema":
                var schema = format.JsonSchema ?? throw OpenAIException.InvalidRequest(
                    "Missing required parameter: 'response_format.json_schema'.", "response_format.json_schema", "missing_required_parameter");
                if (schema.Name is not { } name || !SchemaName().IsMatch(name))
                {
                    throw OpenAIException.InvalidRequest(
                        $"Invalid 'response_format.json_schema.name': '{schema.Name}'. It must be 1-64 characters of a-z, A-Z, 0-9, underscores and dashes.",
                        "response_format.json_schema.name", "invalid_value");
                }

                var body = schema.Schema is { ValueKind: not JsonValueKind.Null } s ? s : (JsonElement?)null;
                if (body is { ValueKind: not JsonValueKind.Object and not JsonValueKind.True })
                {
                    throw OpenAIException.InvalidRequest(
                        "Invalid 'response_format.json_schema.schema': expected a JSON Schema object.", "response_format.json_schema.schema", "invalid_type");
                }

                return new OutputFormat(OutputFormatKind.JsonSchema, name, body);
            default:
                throw OpenAIException.InvalidRequest(
                    $"Invalid value for 'response_format.type': '{format.Type}'. Supported values are: 'text', 'json_object', 'json_schema'.",
                    "response_format.type", "invalid_value");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex SchemaName();
}
