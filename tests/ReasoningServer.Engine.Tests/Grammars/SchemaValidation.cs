using System.Text;
using System.Text.Json;
using Json.Schema;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>Checks generated text with an independent validator (JsonSchema.Net), formats included.</summary>
internal static class SchemaValidation
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null when <paramref name="bytes"/> is valid UTF-8 JSON valid against the schema, else why not.</summary>
    public static string? Problem(string schemaText, byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return "not valid UTF-8";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            return "not JSON: " + error.Message;
        }

        using (document)
        {
            // Draft 2020-12 reads unknown keywords (discriminator, definitions) as annotations, as the converter does.
            var schema = JsonSchema.FromText(schemaText, new BuildOptions { Dialect = Dialect.Draft202012 });
            var result = schema.Evaluate(document.RootElement, new EvaluationOptions
            {
                RequireFormatValidation = true,
                OutputFormat = OutputFormat.List,
            });
            if (result.IsValid)
            {
                return null;
            }

            var errors = (result.Details ?? []).Where(detail => detail.Errors is not null)
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key} {error.Value}"));
            return "invalid: " + string.Join("; ", errors);
        }
    }

    /// <summary>Whether <paramref name="bytes"/> could be the start of a JSON text (for runs stopped by the token cap).</summary>
    public static bool IsJsonPrefix(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
