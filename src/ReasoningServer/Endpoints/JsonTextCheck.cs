using System.Text.Json;
using System.Text.Unicode;
using ReasoningServer.Errors;

namespace ReasoningServer.Endpoints;

/// <summary>
/// Refuses text that the JSON reader lets through but that cannot become a .NET string: invalid UTF-8 bytes, and
/// escaped lone UTF-16 surrogates (<c>"\udc00"</c>). Both reach free-form fields (content, schemas, tool parameters)
/// as JsonElements and used to throw when read there, a 500.
/// </summary>
internal static class JsonTextCheck
{
    public static void Ensure(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            throw OpenAIException.InvalidRequest("We could not parse the JSON body of your request: it is not valid UTF-8.", null, "invalid_json");
        }

        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !CanRead(ref reader))
                {
                    throw OpenAIException.InvalidRequest(
                        "We could not parse the JSON body of your request: a string escapes a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair).",
                        null, "invalid_json");
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the deserializer reports it with the path.
        }
    }

    private static bool CanRead(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
