using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ReasoningServer.Errors;

namespace ReasoningServer.Endpoints;

/// <summary>Reads a request body with the source-generated contract; malformed JSON is OpenAI's 400, not a framework error.</summary>
internal static partial class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        // Whole, then checked (see JsonTextCheck) before it is read; Kestrel bounds the size.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (body.Span.StartsWith(Utf8Bom))
        {
            body = body[Utf8Bom.Length..];
        }

        JsonTextCheck.Ensure(body.Span);

        try
        {
            return JsonSerializer.Deserialize(body.Span, typeInfo)
                ?? throw OpenAIException.InvalidRequest("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var param = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            if (UnmappedMember().Match(e.Message) is { Success: true } unmapped)
            {
                // OpenAI's own words for a field it does not know; the param names it with its full path.
                var name = unmapped.Groups["name"].Value;
                var full = string.IsNullOrEmpty(param) ? name : param.EndsWith(name, StringComparison.Ordinal) ? param : $"{param}.{name}";
                throw OpenAIException.InvalidRequest($"Unrecognized request argument supplied: {full}", full, "unknown_parameter");
            }

            var detail = param is null ? string.Empty : $" (at '{param}')";
            throw OpenAIException.InvalidRequest(
                $"We could not parse the JSON body of your request{detail}: {e.Message.Split(" Path:")[0]}", param, "invalid_json");
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    [GeneratedRegex("The JSON property '(?<name>.*?)' could not be mapped to any \\.NET member")]
    private static partial Regex UnmappedMember();
}
