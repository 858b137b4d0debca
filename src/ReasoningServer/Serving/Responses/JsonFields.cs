using System.Text.Json;
using ReasoningServer.Errors;

namespace ReasoningServer.Serving.Responses;

/// <summary>Reading the Responses API's free-form JSON (input items, tool_choice) with the same strictness as typed bodies.</summary>
internal static class JsonFields
{
    /// <summary>Refuses a field of <paramref name="value"/> not in <paramref name="known"/>, naming it.</summary>
    public static void OnlyKnown(JsonElement value, string param, params string[] known)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw OpenAIException.InvalidRequest($"Unrecognized request argument supplied: {param}.{property.Name}", $"{param}.{property.Name}", "unknown_parameter");
            }
        }
    }

    public static string RequiredString(JsonElement value, string name, string param) =>
        OptionalString(value, name, param) ?? throw OpenAIException.InvalidRequest(
            $"Missing required parameter: '{param}.{name}'.", $"{param}.{name}", "missing_required_parameter");

    public static string? OptionalString(JsonElement value, string name, string param)
    {
        if (!value.TryGetProperty(name, out var field) || field.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return field.ValueKind == JsonValueKind.String
            ? field.GetString()
            : throw OpenAIException.InvalidRequest($"Invalid type for '{param}.{name}': expected a string.", $"{param}.{name}", "invalid_type");
    }

    public static JsonElement String(string text) => JsonSerializer.SerializeToElement(text, Protocol.ProtocolJson.Context.String);
}
