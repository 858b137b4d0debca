using System.Text.Json;

namespace ReasoningServer.Fuzzing;

/// <summary>OpenAI's error body, exactly: <c>{"error":{"message","type","param","code"}}</c>, message and type strings, param and code string or null.</summary>
public static class OpenAIErrorShape
{
    public static bool Matches(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 1 || !root.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var names = error.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
            return names.SequenceEqual(["code", "message", "param", "type"])
                && error.GetProperty("message") is { ValueKind: JsonValueKind.String } message && message.GetString()!.Length > 0
                && error.GetProperty("type").ValueKind == JsonValueKind.String
                && error.GetProperty("param").ValueKind is JsonValueKind.String or JsonValueKind.Null
                && error.GetProperty("code").ValueKind is JsonValueKind.String or JsonValueKind.Null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
