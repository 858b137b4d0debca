namespace ReasoningServer.Serving.StructuredOutputs;

/// <summary><c>response_format.type</c>.</summary>
internal enum OutputFormatKind
{
    Text,

    /// <summary>Any JSON object.</summary>
    JsonObject,

    /// <summary>JSON that follows the request's schema.</summary>
    JsonSchema,
}
