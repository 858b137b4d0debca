using System.Text.Json;
using ReasoningServer.Errors;
using ReasoningServer.Protocol;

namespace ReasoningServer.Serving;

/// <summary>
/// The chat request fields this server accepts as documented no-ops or refuses, checked before anything else:
/// a field a client sent is honoured, accepted as a no-op, or refused with a 400 that names it — never silently
/// ignored (fields the server does not know at all are refused while reading the JSON).
/// </summary>
internal static class ChatFieldPolicy
{
    private const int MetadataPairs = 16;
    private const int MetadataKeyLength = 64;
    private const int MetadataValueLength = 512;

    private static readonly string[] ServiceTiers = ["auto", "default", "flex", "scale", "priority"];
    private static readonly string[] Verbosities = ["low", "medium", "high"];

    public static void Check(ChatCompletionRequest request)
    {
        Refuse(request.Audio, "audio", "'audio' is not supported: this server has no audio output.");
        Refuse(request.Prediction, "prediction", "'prediction' is not supported: this server has no predicted outputs.");
        Refuse(request.WebSearchOptions, "web_search_options", "'web_search_options' is not supported: this server does not search the web.");
        Refuse(request.Functions, "functions", "'functions' is deprecated and not supported: send 'tools' instead.");
        Refuse(request.FunctionCall, "function_call", "'function_call' is deprecated and not supported: send 'tool_choice' instead.");
        if (request.Modalities is { } modalities && modalities.Any(m => m != "text"))
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'modalities': [{string.Join(", ", modalities.Select(m => $"'{m}'"))}]. This server only produces 'text'.", "modalities", "invalid_value");
        }

        OneOf(request.ServiceTier, ServiceTiers, "service_tier");
        OneOf(request.Verbosity, Verbosities, "verbosity");
        CheckMetadata(request.Metadata);
        for (var i = 0; i < (request.Messages?.Count ?? 0); i++)
        {
            var message = request.Messages![i] ?? throw OpenAIException.NullItem($"messages[{i}]", "a message object");
            Refuse(message.Audio, $"messages[{i}].audio", $"'messages[{i}].audio' is not supported: this server has no audio.");
            Refuse(message.FunctionCall, $"messages[{i}].function_call", "'function_call' is deprecated and not supported: send 'tool_calls' instead.");
        }
    }

    private static void Refuse(JsonElement? value, string param, string message)
    {
        if (value is { ValueKind: not JsonValueKind.Null })
        {
            throw OpenAIException.InvalidRequest(message, param, "unsupported_parameter");
        }
    }

    private static void OneOf(string? value, string[] accepted, string param)
    {
        if (value is not null && !accepted.Contains(value))
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid value for '{param}': '{value}'. Supported values are: {string.Join(", ", accepted.Select(a => $"'{a}'"))}.", param, "invalid_value");
        }
    }

    private static void CheckMetadata(Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > MetadataPairs)
        {
            throw OpenAIException.InvalidRequest($"Invalid 'metadata': at most {MetadataPairs} pairs are allowed, got {metadata.Count}.", "metadata", "invalid_value");
        }

        foreach (var (key, value) in metadata)
        {
            if (value is null)
            {
                throw OpenAIException.InvalidRequest($"Invalid 'metadata': the value of '{key[..Math.Min(key.Length, 64)]}' must be a string, got null.", "metadata", "invalid_type");
            }

            if (key.Length > MetadataKeyLength || value.Length > MetadataValueLength)
            {
                throw OpenAIException.InvalidRequest(
                    $"Invalid 'metadata': keys are at most {MetadataKeyLength} and values at most {MetadataValueLength} characters ('{key[..Math.Min(key.Length, 64)]}').",
                    "metadata", "invalid_value");
            }
        }
    }
}
