using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasoningServer.Errors;

namespace ReasoningServer.Endpoints;

/// <summary>Reads a request body with the source-generated contract; malformed JSON is OpenAI's 400, not a framework error.</summary>
internal static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken)
                ?? throw OpenAIException.InvalidRequest("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var param = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            var detail = param is null ? string.Empty : $" (at '{param}')";
            throw OpenAIException.InvalidRequest(
                $"We could not parse the JSON body of your request{detail}: {e.Message.Split(" Path:")[0]}", param, "invalid_json");
        }
    }
}
