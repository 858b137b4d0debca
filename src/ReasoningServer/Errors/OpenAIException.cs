using Microsoft.AspNetCore.Http;

namespace ReasoningServer.Errors;

/// <summary>
/// A failure the client should see in OpenAI's error shape. Thrown anywhere on the request side;
/// <see cref="OpenAIExceptionHandler"/> writes it.
/// </summary>
internal sealed class OpenAIException(int status, string type, string message, string? param = null, string? code = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string? Param { get; } = param;

    public string? Code { get; } = code;

    /// <summary>Seconds the client should wait, sent as Retry-After (429 and 503).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static OpenAIException InvalidRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", message, param, code);

    /// <summary>A null where a list wants an object: the JSON reader lets it in, nothing after it expects one.</summary>
    public static OpenAIException NullItem(string param, string expected) =>
        InvalidRequest($"Invalid '{param}': expected {expected}, got null.", param, "invalid_type");

    public static OpenAIException ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error",
            $"The model '{model}' does not exist or you do not have access to it.", "model", "model_not_found");

    public static OpenAIException ContextLengthExceeded(int limit, int requested) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error",
            $"This model's maximum context length is {limit} tokens. However, your messages resulted in {requested} tokens " +
            "(at least one token is needed for the completion). Please reduce the length of the messages.",
            "messages", "context_length_exceeded");

    /// <summary>Kestrel stopped reading at <c>Server:MaxRequestBodyBytes</c>.</summary>
    public static OpenAIException RequestTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "invalid_request_error",
            $"The request body is larger than this server's limit of {limit} bytes.", null, "request_too_large");

    public static OpenAIException Timeout() =>
        new(StatusCodes.Status503ServiceUnavailable, "server_error",
            "The request reached the server's time limit before generation started. Please retry after a short wait.",
            null, "timeout") { RetryAfterSeconds = 1 };

    public static OpenAIException QueueFull(int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, "requests",
            "The server is busy: all slots are in use and the queue is full. Please retry after a short wait.",
            null, "rate_limit_exceeded") { RetryAfterSeconds = retryAfterSeconds };
}
